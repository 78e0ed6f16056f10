// The spec's JSON Schema (draft-07, which editors such as yaml-language-server read).
// It matches src/model/spec.ts; test/spec/schema.test.ts checks both ways.
import { ACCESS_LEVELS } from '../model/spec.js';
import { environmentSchema } from './schema-environment.js';
import { fmt, list, obj, str, type JsonSchema } from './schema-parts.js';

export const SPEC_SCHEMA_ID = 'urn:envgate:schema:spec:1';
export const ENVIRONMENT_NAME = '^[a-z][a-z0-9-]*$';
export const IAM_CATEGORIES = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'] as const;

const team = obj(
  'A team or role and the IAM principals that act for it.',
  {
    title: str('Display name, e.g. "Product Owner".'),
    principals: list(
      'IAM principals of this team. A principal belongs to the team when every field of one matcher matches.',
      obj(
        'Matches IAM principals (users, roles, groups).',
        {
          arn: fmt('arn-pattern', 'ARN pattern, e.g. arn:aws:iam::123456789012:role/Developers*.'),
          name: fmt('name-pattern', 'Name pattern of the user, role or group.'),
          tag: {
            type: 'object',
            description: 'Tags the principal must carry (key: exact value).',
            propertyNames: { format: 'tag-key' },
            additionalProperties: { type: 'string', description: 'The tag value.' },
            minProperties: 1,
          },
        },
        [],
        { minProperties: 1 },
      ),
    ),
  },
  ['principals'],
);

const level = { type: 'string', description: 'An access level.', enum: [...ACCESS_LEVELS] };

const levelDefinition = (name: string, categories: readonly string[]) =>
  obj(
    `What "${name}" allows. Default: [${categories.join(', ')}].`,
    {
      categories: list('IAM access-level categories (as the IAM service authorization reference names them).', {
        type: 'string',
        description: 'An IAM access-level category.',
        enum: [...IAM_CATEGORIES],
      }),
    },
    ['categories'],
  );

export const DEFAULT_LEVEL_CATEGORIES: Record<(typeof ACCESS_LEVELS)[number], readonly (typeof IAM_CATEGORIES)[number][]> = {
  none: [],
  view: ['List'],
  read: ['List', 'Read'],
  deploy: ['List', 'Read', 'Write', 'Tagging'],
  full: ['List', 'Read', 'Write', 'Tagging', 'Permissions management'],
};

export const specSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SPEC_SCHEMA_ID,
  title: 'envgate environment spec',
  ...obj(
    'What an architecture document says its AWS environments must look like.',
    {
      $schema: str('URI or path of this JSON Schema (for editors); ignored by envgate.'),
      version: { type: 'integer', description: 'Spec language version; must be 1.', enum: [1] },
      system: obj(
        'The system the spec describes.',
        {
          name: str('Short name of the system, e.g. mht-api.', { minLength: 1 }),
          description: str('What the system is.'),
          document: str('The architecture document this spec encodes (title, path or URL).'),
          documentDate: fmt('date', 'Date of the document version this spec encodes, YYYY-MM-DD.'),
        },
        ['name'],
      ),
      attribution: obj('How resources are attributed to environments by tag.', {
        tagKeys: list('Tag keys whose value names the environment (key match is case-insensitive). Default: [Environment, Env].', fmt('tag-key', 'A tag key.'), {
          minItems: 1,
          default: ['Environment', 'Env'],
        }),
      }),
      environments: {
        type: 'object',
        description: 'The environments, by name (lower case, digits and dashes: development, staging, production, dev, prod...).',
        propertyNames: { pattern: ENVIRONMENT_NAME },
        additionalProperties: environmentSchema,
        minProperties: 1,
      },
      shared: list(
        'Resources allowed to be used by more than one environment (e.g. one Route 53 hosted zone). Default: [].',
        obj(
          'A shared-resource allowance. Without name and arn, every resource of the type may be shared.',
          {
            type: fmt('resource-type', 'Resource type, e.g. AWS::Route53::HostedZone.'),
            name: fmt('name-pattern', 'Name pattern of the shared resource.'),
            arn: fmt('arn-pattern', 'ARN pattern of the shared resource.'),
            reason: str('Why sharing is allowed (quote the document).', { minLength: 1 }),
          },
          ['type', 'reason'],
        ),
        { default: [] },
      ),
      tagging: obj('Tagging requirements for every attributed resource.', {
        required: list('Tag keys every resource must carry, e.g. [Environment, Project]. Default: [].', fmt('tag-key', 'A tag key.'), {
          default: [],
        }),
      }),
      teams: {
        type: 'object',
        description: 'Teams or roles, by name (e.g. Developers, DevOps, QA), and their IAM principals. Default: {}.',
        propertyNames: { minLength: 1 },
        additionalProperties: team,
        default: {},
      },
      access: obj('The access matrix: which level each team may hold in each environment.', {
        levels: obj(
          'What each access level allows, as IAM access-level categories. Each level defaults separately.',
          Object.fromEntries(ACCESS_LEVELS.map((l) => [l, levelDefinition(l, DEFAULT_LEVEL_CATEGORIES[l])])),
        ),
        matrix: {
          type: 'object',
          description: 'team -> environment -> highest allowed level (none, view, read, deploy, full). Default: {}.',
          additionalProperties: {
            type: 'object',
            description: 'environment -> highest level this team may hold there.',
            additionalProperties: level,
          },
          default: {},
        },
      }),
      parity: list(
        'Properties one environment must share with another (e.g. staging with production). Default: [].',
        obj(
          'A parity requirement.',
          {
            from: str('The environment that must match, e.g. staging.', { pattern: ENVIRONMENT_NAME }),
            to: str('The environment it must match, e.g. production.', { pattern: ENVIRONMENT_NAME }),
            properties: list(
              'What must be the same.',
              {
                type: 'string',
                description: 'A property compared between the two environments.',
                enum: [
                  'encryption',
                  'versioning',
                  'accessLogging',
                  'alarms',
                  'loadBalancer',
                  'resourceKinds',
                  'lifecyclePolicy',
                  'multiAz',
                  'deletionProtection',
                  'instanceTypes',
                  'instanceCount',
                  'availabilityZones',
                ],
              },
              { minItems: 1 },
            ),
          },
          ['from', 'to', 'properties'],
        ),
        { default: [] },
      ),
      furniture: {
        type: 'string',
        enum: ['exclude', 'include'],
        default: 'exclude',
        description:
          "Account furniture (what AWS creates in every account: default VPCs with their subnets, every VPC's default security group, AWS-managed KMS keys, service-linked and IAM Identity Center roles, AWS-managed policies). exclude: attribution, tagging, naming and network-range rules leave it out, each with a pass naming the reason; include: judge it like any resource. Default: exclude.",
      },
      collection: obj('How envgate collects (optional).', {
        configAggregator: obj(
          'Query this AWS Config aggregator (SelectAggregateResourceConfig) instead of each account\'s recorder.',
          {
            name: str('Aggregator name.', { minLength: 1 }),
            region: fmt('region', 'Region of the aggregator.'),
          },
          ['name', 'region'],
        ),
      }),
    },
    ['version', 'system', 'environments'],
  ),
};
