// String formats of the spec, each with the diagnostic code it reports and what it
// expects. The schema names them with `format`; ajv calls `problem` through
// isValid(), and the validator calls it again to say exactly what is wrong.
import { cidrProblem } from '../util/cidr.js';
import { machineProblem, regionProblem, zoneProblem, type MachineKind } from './aws-values/index.js';
import { MAX_PATTERN_LENGTH, patternProblem } from '../util/patterns.js';

export interface FormatDef {
  code: string;
  expected: string;
  /** Why the value is not of this format, or undefined when it is. */
  problem(value: string): string | undefined;
}

// The shape of a region inside ARN patterns (where wildcards are allowed); spec regions use the real list.
const REGION = /^[a-z]{2,4}(-gov|-iso[a-z]*|-[a-z]{2})?-[a-z]+-[0-9]$/;
const PARTITION = /^aws(-[a-z]+)*$/;
const SERVICE = /^[a-z0-9-]+$/;
const WILD = /[*?]/;

function arnProblem(value: string, wildcards: boolean): string | undefined {
  if (wildcards && value.startsWith('re:')) return patternProblem(value);
  if (value.length > MAX_PATTERN_LENGTH) return `is ${value.length} characters long; an ARN has at most ${MAX_PATTERN_LENGTH}`;
  if (!value.startsWith('arn:')) return 'does not start with arn:';
  const parts = value.split(':');
  if (parts.length < 6) return `has ${parts.length} colon-separated parts, an ARN has at least 6`;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  if (!wildcards && WILD.test(value)) return 'contains a wildcard where a concrete ARN is needed';
  const loose = (s: string) => wildcards && WILD.test(s);
  if (!loose(partition) && !PARTITION.test(partition)) return `has an invalid partition "${partition}"`;
  if (!loose(service) && !SERVICE.test(service)) return `has an invalid service "${service}"`;
  if (service === '' ) return 'has an empty service';
  if (region !== '' && !loose(region) && !REGION.test(region)) return `has an invalid region "${region}"`;
  if (account !== '' && !loose(account) && !/^[0-9]{12}$/.test(account) && account !== 'aws') {
    return `has an invalid account "${account}" (12 digits)`;
  }
  if (resource === '') return 'has an empty resource part';
  if (/\s/.test(value)) return 'contains whitespace';
  return undefined;
}

function dateProblem(value: string): string | undefined {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return 'is not a date in the form YYYY-MM-DD';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return 'is not a real calendar date';
  }
  return undefined;
}

const machine = (kind: MachineKind, expected: string): FormatDef => ({
  code: 'instance-type',
  expected,
  problem: (v) => (/^[a-z0-9*?.-]+$/.test(v) ? machineProblem(kind, v) : 'is not an instance type name'),
});

const re = (regex: RegExp, what: string) => (v: string) => (regex.test(v) ? undefined : what);

export const FORMATS: Record<string, FormatDef> = {
  cidr: { code: 'cidr', expected: 'an IPv4 CIDR block with host bits zero, e.g. 10.0.0.0/16', problem: cidrProblem },
  arn: {
    code: 'arn',
    expected: 'an ARN arn:partition:service:region:account:resource',
    problem: (v) => arnProblem(v, false),
  },
  'role-arn': {
    code: 'arn',
    expected: 'an IAM role ARN, e.g. arn:aws:iam::123456789012:role/envgate-reader',
    problem: (v) => {
      const p = arnProblem(v, false);
      if (p) return p;
      const parts = v.split(':');
      if (parts[2] !== 'iam' || !parts.slice(5).join(':').startsWith('role/')) return 'is not an IAM role ARN';
      if (!/^[0-9]{12}$/.test(parts[4] ?? '')) return 'has no 12-digit account';
      return undefined;
    },
  },
  'arn-pattern': {
    code: 'arn',
    expected: 'an ARN pattern arn:partition:service:region:account:resource (* and ? allowed) or re:<regex>',
    problem: (v) => arnProblem(v, true),
  },
  'name-pattern': {
    code: 'pattern',
    expected: 'a glob (* and ?) or re:<regular expression>',
    problem: patternProblem,
  },
  date: { code: 'date', expected: 'a date YYYY-MM-DD', problem: dateProblem },
  'account-id': {
    code: 'account-id',
    expected: 'a 12-digit AWS account id (quote it in YAML to keep leading zeros)',
    problem: re(/^[0-9]{12}$/, 'is not a 12-digit AWS account id'),
  },
  region: { code: 'region', expected: 'an AWS region, e.g. us-west-2', problem: regionProblem },
  'availability-zone': {
    code: 'availability-zone',
    expected: 'an availability zone: a region and a letter, e.g. us-west-2a',
    problem: zoneProblem,
  },
  'vpc-id': { code: 'vpc-id', expected: 'a VPC id, e.g. vpc-0abc1234', problem: re(/^vpc-[0-9a-f]{8,17}$/, 'is not a VPC id') },
  'resource-type': {
    code: 'resource-type',
    expected: 'a CloudFormation type name, e.g. AWS::S3::Bucket',
    problem: re(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'is not a resource type name'),
  },
  'resource-type-pattern': {
    code: 'resource-type',
    expected: 'a CloudFormation type name (AWS::S3::Bucket), a glob over one (AWS::EC2::*) or re:<regex>',
    problem: (v) =>
      v.startsWith('re:')
        ? patternProblem(v)
        : WILD.test(v)
          ? re(/^AWS::[A-Za-z0-9*?]+(::[A-Za-z0-9*?]+)?$|^[*]$/, 'is not a resource type pattern')(v)
          : re(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'is not a resource type name')(v),
  },
  'instance-type': machine('ec2', 'an EC2 instance type such as t3.micro (* and ? allowed: t3.*)'),
  'db-instance-class': machine('db', 'an RDS DB instance class such as db.t3.micro (* and ? allowed)'),
  'cache-node-type': machine('cache', 'an ElastiCache node type such as cache.t3.micro (* and ? allowed)'),
  'tag-key': {
    code: 'tag-key',
    expected: 'an AWS tag key (1-128 characters, not starting with aws:)',
    problem: (v) => (v.length === 0 || v.length > 128 ? 'is not 1-128 characters long' : v.toLowerCase().startsWith('aws:') ? 'uses the reserved aws: prefix' : undefined),
  },
};

/** ajv format definitions for every format above. */
export function ajvFormats(): Record<string, { type: 'string'; validate: (v: string) => boolean }> {
  const out: Record<string, { type: 'string'; validate: (v: string) => boolean }> = {};
  for (const [name, def] of Object.entries(FORMATS)) out[name] = { type: 'string', validate: (v) => def.problem(v) === undefined };
  return out;
}
