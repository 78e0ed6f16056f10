// The spec's `exclude` section: resources a team deliberately leaves out of scope, each
// with a reason and, optionally, an owner and an expiry date. Applied by the engine
// (src/engine/exclusions.ts) in scan and gate alike.
import { fmt, list, obj, str, type JsonSchema } from './schema-parts.js';

export const excludeSchema: JsonSchema = list(
  'Resources deliberately left out of scope: they give no result, and every report lists them with the reason. Default: [].',
  obj(
    'An exclusion: the resources of `type` (if given) whose name matches `name` and whose ARN matches `arn` (each if given; at least one of type, name and arn).',
    {
      type: fmt('resource-type-pattern', 'CloudFormation type, exact (AWS::S3::Bucket) or a pattern (AWS::EC2::*, re:<regex>).'),
      name: fmt('name-pattern', 'Name pattern (glob, or re:<regex>) matched against the whole name.'),
      arn: fmt('arn-pattern', 'ARN pattern (glob, or re:<regex>) matched against the whole ARN.'),
      reason: str('Why the resources are out of scope (quoted in every report).', { minLength: 1 }),
      owner: str('Who decided it (team or person).', { minLength: 1 }),
      expires: fmt('date', 'YYYY-MM-DD: from this UTC day on the exclusion no longer applies (a warning says so).'),
    },
    ['reason'],
  ),
  { default: [] },
);
