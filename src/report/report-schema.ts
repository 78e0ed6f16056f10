// JSON Schema (draft-07) of the JSON report (src/report/json.ts), printed by
// `envgate schema report`. Tests validate every report they produce against it.
import { CATEGORIES, SEVERITIES } from '../model/result.js';
import { REPORT_SCHEMA_VERSION } from './json.js';

type S = Record<string, unknown>;

const strictObj = (description: string, properties: Record<string, S>, required: string[] = Object.keys(properties)): S => ({
  type: 'object',
  description,
  properties,
  required,
  additionalProperties: false,
});
const str = (description: string): S => ({ type: 'string', description });
const int = (description: string): S => ({ type: 'integer', minimum: 0, description });
const num = (description: string): S => ({ type: 'number', description });
const nullable = (s: S): S => ({ ...s, type: [s.type as string, 'null'] });
const arr = (description: string, items: S): S => ({ type: 'array', description, items });
const severity = { type: 'string', enum: [...SEVERITIES] };
const category = { type: 'string', enum: [...CATEGORIES] };
const counts = (description: string): S =>
  strictObj(description, {
    fail: int('Failing results not covered by a waiver.'),
    pass: int('Passing results.'),
    notEvaluated: int('Checks that could not run (never a pass).'),
    waived: int('Failing results covered by a waiver.'),
  });

const collectionError = strictObj(
  'A call that failed after retries.',
  {
    accountId: str('Account id.'),
    region: str("Region, or 'global'."),
    service: str('Service, e.g. s3.'),
    operation: str('Operation, e.g. GetBucketEncryption.'),
    code: str('Error code, e.g. AccessDenied.'),
    message: str('Error message.'),
    affects: arr('Resource types or data areas left incomplete.', { type: 'string' }),
    resourceArn: str('The resource whose detail call failed.'),
  },
  ['accountId', 'region', 'service', 'operation', 'code', 'message', 'affects'],
);

const result = strictObj(
  'One check of one rule on one resource.',
  {
    ruleId: str('Rule id (rules/<id>.yaml).'),
    status: { type: 'string', enum: ['fail', 'pass', 'not-evaluated'] },
    severity,
    category,
    resource: strictObj('The resource checked.', {
      arn: str('ARN.'),
      accountId: str('Account id.'),
      region: str("Region or 'global'."),
      type: str('CloudFormation-style type, e.g. AWS::S3::Bucket.'),
      name: str('Name tag, or the resource name or id.'),
      environment: nullable(str('Attributed environment; null when none.')),
    }),
    environments: arr(
      "Every environment the result involves, sorted: the subject's, a grant's or access cell's target, the other side of a shared resource or network path, parity's from and to. Always written; a report from before the field existed is read as having the subject's alone.",
      { type: 'string' },
    ),
    message: str('One sentence naming the resource and what is wrong (or right).'),
    evidence: { type: 'object', description: 'What was observed and expected, rule-specific.' },
    specLocation: strictObj('The spec requirement checked.', {
      file: str('Spec file.'),
      line: { type: 'integer', minimum: 1 },
      column: { type: 'integer', minimum: 1 },
      path: str('JSON pointer of the requirement.'),
    }),
    fingerprint: { type: 'string', minLength: 1, description: 'Stable across scans: rule id and normalised ARN.' },
    reason: str('For not-evaluated: why.'),
    waiver: strictObj(
      'The waiver covering this result (gate).',
      {
        id: str('Waiver id.'),
        owner: str('Who accepted the risk.'),
        reason: str('Why.'),
        expires: str('Date the waiver lapses.'),
        source: str('file:line of the waiver.'),
      },
      ['owner', 'reason', 'expires'],
    ),
    baseline: { type: 'string', enum: ['new', 'existing'], description: 'Against a baseline (gate).' },
    waived: { type: 'boolean', description: 'True when a waiver covers this failing result.' },
  },
  ['ruleId', 'status', 'severity', 'category', 'resource', 'message', 'evidence', 'fingerprint', 'waived'],
);

const rule = strictObj('Rule metadata.', {
  id: str('Rule id.'),
  title: str('Title.'),
  category,
  severity,
  resourceTypes: arr('Resource types checked.', { type: 'string' }),
  description: str('What the rule checks.'),
  remediation: str('How to fix a failure.'),
  requirement: str('JSON pointer pattern of the spec requirement enforced.'),
  docs: str('Documentation URL.'),
  origin: str("'builtin' or the user rules directory."),
});

const accessCell = strictObj(
  "A team's access to an environment: declared beside effective.",
  {
    team: str('Team.'),
    environment: str('Environment.'),
    declared: str('Level the spec allows.'),
    effective: str('Highest level IAM grants.'),
    grants: arr(
      'Statements granting the effective level.',
      strictObj(
        'A granting statement.',
        { principalArn: str('Principal whose policy grants.'), policy: str('Policy.'), sid: str('Statement id.'), via: arr('Roles assumed, in order, to reach the grant.', { type: 'string' }), actions: arr('Actions.', { type: 'string' }) },
        ['principalArn', 'policy', 'actions'],
      ),
    ),
    caveats: arr('Why the result is approximate.', { type: 'string' }),
    violation: { type: 'boolean', description: 'Effective above declared.' },
  },
  ['team', 'environment', 'declared', 'effective', 'grants', 'caveats', 'violation'],
);

const cost = strictObj(
  'Cost of one environment against its ceiling.',
  {
    environment: str('Environment.'),
    ceilingUsd: nullable(num('Monthly ceiling from the spec.')),
    estimateUsd: nullable(num('Monthly estimate from the inventory and the price table.')),
    actualUsd: nullable(num('Actual spend from Cost Explorer.')),
    breakdown: arr(
      'Cost lines, largest first.',
      strictObj(
        'A cost line.',
        {
          item: str('What.'),
          resourceArn: str('Resource.'),
          monthlyUsd: num('USD per month.'),
          detail: str('How it was reached.'),
          price: strictObj(
            'Where the price came from.',
            { region: str('Region of the price.'), asOf: str('Date of the price (YYYY-MM-DD).'), source: str("'bundled' (the table shipped with envgate) or 'aws-price-list-api' (read into the snapshot).") },
            ['region', 'asOf', 'source'],
          ),
        },
        ['item', 'monthlyUsd'],
      ),
    ),
    priceTable: strictObj('Price table used.', { region: str('Region.'), asOf: str('Date.') }),
    estimateComplete: { type: 'boolean', description: 'False when the estimate is a lower bound.' },
    caveats: arr(
      'What the estimate leaves out.',
      strictObj('A caveat.', { code: str('Code.'), message: str('Message.'), count: int('Resources.'), lowerBound: { type: 'boolean' } }),
    ),
    actualPeriod: strictObj('Cost Explorer period (end exclusive).', { start: str('Start.'), end: str('End.') }),
    estimateOverCeiling: { type: ['boolean', 'null'], description: 'null when no ceiling or no estimate.' },
    actualOverCeiling: { type: ['boolean', 'null'], description: 'null when no ceiling or no actual.' },
    checkedAgainst: { enum: ['estimate', 'actual', 'both'], description: 'The figure cost-ceiling checks (the spec cost.source).' },
    overCeiling: { type: ['boolean', 'null'], description: 'The verdict on the checked figure(s), as cost-ceiling gives it; null when it cannot tell or there is no ceiling.' },
  },
  ['environment', 'ceilingUsd', 'estimateUsd', 'actualUsd', 'breakdown', 'priceTable', 'estimateOverCeiling', 'actualOverCeiling'],
);

export const REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `urn:envgate:schema:report:${REPORT_SCHEMA_VERSION}`,
  title: 'envgate JSON report',
  ...strictObj('Everything one envgate scan found.', {
    schemaVersion: { const: REPORT_SCHEMA_VERSION },
    tool: strictObj('The tool.', { name: { const: 'envgate' }, version: str('Version.'), informationUri: str('Home page.') }),
    run: strictObj(
      'Run metadata.',
      {
        automationId: str('SARIF automationDetails.id: category + run id.'),
        category: str('Stable scope name: envgate/<system>/<environments or all>.'),
        generatedAt: { type: 'string', format: 'date-time' },
        collectedAt: { type: 'string', format: 'date-time' },
        spec: strictObj('The spec.', { file: str('Path.'), sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, system: str('System name.') }),
        snapshot: strictObj(
          'Where the inventory came from.',
          { source: { enum: ['live', 'file'] }, file: str('Snapshot path.'), toolVersion: str('envgate version that collected it.') },
          ['source', 'toolVersion'],
        ),
        scope: strictObj('Scope.', { environments: arr('Environments the results are limited to; empty = all.', { type: 'string' }) }),
        failOn: { enum: [...SEVERITIES, 'none'] },
        accounts: arr('Accounts collected.', { type: 'string' }),
        regions: arr('Regions collected.', { type: 'string' }),
        apiCalls: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'service:Operation -> calls.' },
        apiCallsTotal: int('Sum of apiCalls.'),
        collectionErrors: arr('Calls that failed after retries.', collectionError),
      },
      ['automationId', 'category', 'generatedAt', 'collectedAt', 'spec', 'snapshot', 'scope', 'failOn', 'accounts', 'regions', 'apiCalls', 'apiCallsTotal', 'collectionErrors'],
    ),
    summary: strictObj('Counts.', {
      verdict: { enum: ['pass', 'fail', 'incomplete'] },
      complete: { type: 'boolean', description: 'No not-evaluated result and no collection error.' },
      blocking: int('Unwaived failures at or above failOn.'),
      totals: counts('All results.'),
      failuresBySeverity: strictObj(
        'Unwaived failures per severity.',
        Object.fromEntries(SEVERITIES.map((s) => [s, int(s)])),
      ),
      environments: arr(
        'Per environment (null = unattributed).',
        strictObj('One environment.', {
          environment: { type: ['string', 'null'] },
          totals: counts('All results of the environment.'),
          categories: arr('Per category.', {
            ...counts('One category.'),
            properties: { category, ...(counts('').properties as S) },
            required: ['category', 'fail', 'pass', 'notEvaluated', 'waived'],
          }),
        }),
      ),
    }),
    results: arr('Every result: fail, pass and not-evaluated (passes only counted, in passCounts, with --passes summary).', result),
    rules: arr('Rules evaluated, by id.', rule),
    accessMatrix: arr('Access matrix cells, by team and environment.', accessCell),
    costs: arr('Costs per environment.', cost),
    passCounts: arr(
      "Only with --passes summary: passing checks left out of results, per rule and environment (totals include them).",
      strictObj('Passes of one rule in one environment.', {
        ruleId: str('Rule id.'),
        environment: { type: ['string', 'null'], description: 'null = unattributed.' },
        passes: int('Passing checks.'),
        exempt: int('Of those, resources the rule left out (account furniture, team principals); absent when none.'),
      }, ['ruleId', 'environment', 'passes']),
    ),
    excluded: arr(
      "Resources and principals the spec's exclude section left out of scope (they have no results), by ARN. Always written; absent in reports from before the field existed.",
      strictObj(
        'One excluded resource and the exclusion that took it out.',
        {
          arn: str('ARN.'),
          accountId: str('Account id.'),
          region: str("Region or 'global'."),
          type: str('CloudFormation-style type.'),
          name: str('Name.'),
          environment: nullable(str('Attributed environment; null when none.')),
          exclusion: int('0-based index of the exclusion in the spec.'),
          reason: str("The exclusion's reason."),
          owner: str("The exclusion's owner."),
          expires: str('Date the exclusion lapses, YYYY-MM-DD.'),
          specLocation: strictObj('Where the exclusion is written.', {
            file: str('Spec file.'),
            line: { type: 'integer', minimum: 1 },
            column: { type: 'integer', minimum: 1 },
            path: str('JSON pointer of the exclusion.'),
          }),
        },
        ['arn', 'accountId', 'region', 'type', 'name', 'environment', 'exclusion', 'reason'],
      ),
    ),
  }, ['schemaVersion', 'tool', 'run', 'summary', 'results', 'rules', 'accessMatrix', 'costs']),
} as const;
