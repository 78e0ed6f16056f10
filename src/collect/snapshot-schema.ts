// JSON Schema of the snapshot file (draft-07). The types in src/model/snapshot.ts are
// the same contract; each described type's `config` is checked against its schema in
// its descriptor (src/collect/catalogue/types/, typed and closed: a rule can only read what is there).
// Types that arrive only through the Tagging API carry an empty config.
import { RELATION_KINDS } from '../model/snapshot.js';
import { PRICE_LIST_API, PRICE_SERVICES } from '../model/prices.js';
import { CONFIG_SCHEMAS } from './catalogue/index.js';

const str = { type: 'string' } as const;
const strArr = { type: 'array', items: str } as const;
const tags = { type: 'object', additionalProperties: str } as const;
const accountId = { type: 'string', pattern: '^(\\d{12}|aws)$' } as const;

/** AWS caps ARNs at 2,048 characters; relation targets are ARNs, ids or CIDRs. */
const ARN_MAX = 2048;

// IAM refuses a policy over 6,144 characters, so no element of a real one is longer; the
// bound also keeps action patterns within what a regular expression can hold.
const policyText = { type: 'string', maxLength: 6144 } as const;
const policyTexts = { anyOf: [policyText, { type: 'array', items: policyText }] } as const;
const policyPrincipal = { anyOf: [policyText, { type: 'object', additionalProperties: policyTexts }] } as const;
const policyStatement = {
  type: 'object',
  required: ['Effect'],
  properties: {
    Sid: str,
    Effect: { enum: ['Allow', 'Deny'] },
    Action: policyTexts,
    NotAction: policyTexts,
    Resource: policyTexts,
    NotResource: policyTexts,
    Principal: policyPrincipal,
    NotPrincipal: policyPrincipal,
    Condition: { type: 'object', additionalProperties: { type: 'object' } },
  },
} as const;
const policyDocument = {
  type: 'object',
  required: ['Statement'],
  properties: { Version: str, Statement: { anyOf: [policyStatement, { type: 'array', items: policyStatement }] } },
} as const;

export { RELATION_KINDS };

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const priceKey = {
  service: { enum: PRICE_SERVICES },
  region: { type: 'string', minLength: 1 },
  item: { type: 'string', minLength: 1 },
  engine: { type: 'string', minLength: 1 },
} as const;
/** The snapshot's prices block; a price cache file (--price-cache) has the same shape. */
export const PRICES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'entries', 'missing'],
  properties: {
    source: { const: PRICE_LIST_API },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['service', 'region', 'item', 'usdPerHour', 'asOf'],
        properties: { ...priceKey, usdPerHour: { type: 'number', exclusiveMinimum: 0 }, asOf: day },
      },
    },
    missing: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['service', 'region', 'item', 'reason'],
        properties: { ...priceKey, reason: str },
      },
    },
  },
} as const;

/** Each described type's config schema, as the published schema states it (snapshot-io dispatches on type instead: one check per record). */
const PER_TYPE_CONFIG = Object.entries(CONFIG_SCHEMAS).map(([type, config]) => ({
  if: { properties: { type: { const: type } }, required: ['type'] },
  then: { properties: { config } },
}));

export const SNAPSHOT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://envgate.dev/schemas/snapshot-v1.json',
  title: 'envgate snapshot',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'metadata', 'resources', 'principals', 'policies', 'costs', 'errors'],
  properties: {
    schemaVersion: { const: 1 },
    metadata: {
      type: 'object',
      additionalProperties: false,
      required: ['tool', 'collectedAt', 'accounts', 'regions', 'apiCalls', 'coverage'],
      properties: {
        tool: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'version'],
          properties: { name: { const: 'envgate' }, version: str },
        },
        collectedAt: { type: 'string', format: 'date-time' },
        accounts: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' } },
        regions: strArr,
        apiCalls: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
        coverage: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['accountId', 'region', 'types', 'source'],
            properties: {
              accountId: str,
              region: str,
              types: strArr,
              source: { enum: ['tagging', 'config', 'config-aggregator', 'describe', 'iam', 'cost-explorer'] },
            },
          },
        },
      },
    },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['arn', 'accountId', 'region', 'type', 'name', 'id', 'tags', 'config', 'relations'],
        properties: {
          arn: { type: 'string', pattern: '^arn:', maxLength: ARN_MAX },
          accountId: str,
          region: str,
          type: { type: 'string', pattern: '^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$' },
          name: str,
          id: str,
          tags,
          config: { type: 'object' },
          relations: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['kind', 'target'],
              properties: { kind: { enum: RELATION_KINDS }, target: { type: 'string', maxLength: ARN_MAX } },
            },
          },
        },
        allOf: PER_TYPE_CONFIG,
      },
    },
    principals: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['arn', 'accountId', 'kind', 'name', 'path', 'tags', 'groups', 'attachedPolicies', 'inlinePolicies'],
        properties: {
          arn: { type: 'string', pattern: '^arn:' },
          accountId: str,
          kind: { enum: ['user', 'group', 'role'] },
          name: str,
          path: str,
          tags,
          groups: strArr,
          attachedPolicies: strArr,
          inlinePolicies: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'document'],
              properties: { name: str, document: policyDocument },
            },
          },
          permissionsBoundary: str,
          trustPolicy: policyDocument,
          instanceProfiles: strArr,
        },
      },
    },
    policies: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['arn', 'name', 'accountId', 'awsManaged', 'document'],
        properties: { arn: str, name: str, accountId, awsManaged: { type: 'boolean' }, document: policyDocument },
      },
    },
    costs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['accountId', 'tagValue', 'tagKey', 'periodStart', 'periodEnd', 'amountUsd'],
        properties: {
          accountId: str,
          tagValue: str,
          tagKey: str,
          periodStart: day,
          periodEnd: day,
          amountUsd: { type: 'number' },
        },
      },
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['accountId', 'region', 'service', 'operation', 'code', 'message', 'affects'],
        properties: {
          accountId: str,
          region: str,
          service: str,
          operation: str,
          code: str,
          message: str,
          affects: strArr,
          resourceArn: str,
        },
      },
    },
    prices: PRICES_SCHEMA,
  },
} as const;

/** SNAPSHOT_SCHEMA without the per-type config branches, for validators that check each record's config by its type. */
export function snapshotSchemaWithoutConfigTypes(): Record<string, unknown> {
  const copy = structuredClone(SNAPSHOT_SCHEMA) as { properties: { resources: { items: Record<string, unknown> } } };
  delete copy.properties.resources.items.allOf;
  return copy;
}
