// ARNs: building them for describe results and mapping Tagging API ARNs to
// CloudFormation-style types, so every source names a resource the same way.
import { ARN_SHAPES } from './arn-types.js';

export { arnOf, partitionOf } from './catalogue/refs.js';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, accountId: m[4]!, resource: m[5]! };
}

/** Log group ARNs come with and without a trailing ':*'; the snapshot keeps them without. */
export function canonicalArn(arn: string): string {
  return arn.startsWith('arn:') && arn.includes(':logs:') ? arn.replace(/:\*$/, '') : arn;
}

/** WAFv2 ARN kinds -> CloudFormation names (web ACLs are described; the rest come only from tags). */
const WAFV2_KINDS: Readonly<Record<string, string>> = { webacl: 'WebACL', ipset: 'IPSet', rulegroup: 'RuleGroup', regexpatternset: 'RegexPatternSet' };

const pascal = (s: string) =>
  s
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * The CloudFormation type and short id an ARN names (src/collect/arn-types.ts); a shape
 * outside that table gets a generic AWS::<Service>::<Head> name, which no spec list accepts.
 */
export function typeOfArn(arn: string): { type: string; id: string } | undefined {
  const p = parseArn(arn);
  if (!p) return undefined;
  const r = p.service === 'apigateway' ? p.resource.replace(/^\//, '') : p.resource;
  const cut = r.search(/[/:]/);
  const [head, rest] = cut < 0 ? ['', r] : [r.slice(0, cut), r.slice(cut + 1)];
  switch (p.service) {
    case 's3':
      return r.includes('/') ? undefined : { type: 'AWS::S3::Bucket', id: r };
    case 'sqs':
      return { type: 'AWS::SQS::Queue', id: r };
    case 'sns':
      return r.includes(':') ? { type: 'AWS::SNS::Subscription', id: r } : { type: 'AWS::SNS::Topic', id: r };
    case 'dynamodb':
      if (head === 'table' && rest.includes('/')) return undefined; // streams, indexes, backups
      break;
    case 'elasticloadbalancing':
      if (head === 'loadbalancer' && !/^(app|net|gwy)\//.test(rest)) return { type: 'AWS::ElasticLoadBalancing::LoadBalancer', id: rest };
      break;
    case 'logs':
      if (head !== 'log-group') return undefined;
      break;
    case 'apigateway':
      // The stages' head is the REST API's too: only restapis/<id>/stages/<name> is a stage.
      if (head === 'restapis' && !/^[^/]+\/stages\/[^/]+$/.test(rest)) return { type: 'AWS::ApiGateway::RestApi', id: rest.split('/')[0] ?? rest };
      break;
    case 'wafv2': {
      // <regional|global>/<kind>/<name>/<id>: the scope comes first, the kind second.
      const [kind = '', ...parts] = rest.split('/');
      const id = parts.at(-1) ?? rest;
      return { type: `AWS::WAFv2::${WAFV2_KINDS[kind] ?? pascal(kind || 'Resource')}`, id };
    }
  }
  const shape = ARN_SHAPES[p.service]?.[head];
  if (shape) return { type: shape.type, id: shape.id ? shape.id(rest) : rest };
  const generic = head || 'Resource';
  return { type: `AWS::${pascal(p.service)}::${pascal(generic)}`, id: head ? rest : r };
}
