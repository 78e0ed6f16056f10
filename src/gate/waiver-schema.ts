// JSON Schema of the waivers file (`envgate schema waivers`). Which way an entry names its
// finding (fingerprint, or rule + resource) and whether `expires` is a real date are
// cross-checked in waivers.ts, which gives clearer errors than oneOf would.

export const WAIVERS_SCHEMA_ID = 'https://envgate.dev/schemas/waivers-v1.json';

export const waiversSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: WAIVERS_SCHEMA_ID,
  title: 'envgate waivers',
  description:
    'Accepted findings: each entry names a finding by fingerprint, or by rule id plus a resource ARN pattern, and says why, who owns it and when it expires.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'waivers'],
  properties: {
    $schema: { type: 'string' },
    version: { const: 1, description: 'Waivers file format version.' },
    waivers: { type: 'array', items: { $ref: '#/definitions/waiver' } },
  },
  definitions: {
    waiver: {
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'owner', 'expires'],
      properties: {
        id: { type: 'string', minLength: 1, description: 'Optional name, shown in verdicts and reports.' },
        fingerprint: {
          type: 'string',
          pattern: '^[0-9a-f]{32}$',
          description: 'The finding fingerprint (JSON report `fingerprint`, SARIF `primaryLocationLineHash`).',
        },
        rule: { type: 'string', minLength: 1, description: 'Rule id (with `resource`).' },
        resource: {
          type: 'string',
          minLength: 1,
          description: 'Resource ARN pattern (with `rule`): `*`/`?` glob over the whole ARN, or `re:` anchored regex.',
        },
        reason: { type: 'string', minLength: 1 },
        owner: { type: 'string', minLength: 1 },
        expires: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}-\\d{2}$',
          description: 'YYYY-MM-DD (UTC): the first day the waiver no longer applies.',
        },
      },
    },
  },
} as const;
