// Hand-built evaluations and contexts for the renderer tests, plus the validators every
// test applies to what it renders: the official SARIF schema, GitHub's extra checks and
// the JSON report schema.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { fingerprint } from '../../src/util/fingerprint.js';
import type { Evaluation, Result, RuleMeta } from '../../src/model/result.js';
import type { ReportContext } from '../../src/report/context.js';
import { REPORT_SCHEMA } from '../../src/report/report-schema.js';
import { checkGithubSarif } from '../../src/report/sarif-github-checks.js';

/** The official schema (OASIS SARIF 2.1.0 errata01), vendored here from ../shared/schemas/ so the repo stands alone. */
export const VENDORED_SARIF_SCHEMA = fileURLToPath(new URL('./sarif-schema-2.1.0.json', import.meta.url));
/**
 * The shared copy: shared/schemas/ beside the repository (CI's layout) or beside one of
 * its parent folders (a worktree below the project folder); undefined when there is none.
 */
export const SHARED_SARIF_SCHEMA = findShared(path.resolve(fileURLToPath(new URL('../..', import.meta.url))), 'schemas/sarif-schema-2.1.0.json');

function findShared(repo: string, rel: string): string | undefined {
  for (let dir = path.dirname(repo); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'shared', rel);
    if (existsSync(file)) return file;
    if (path.dirname(dir) === dir) return undefined;
  }
}

let sarifValidator: ((d: unknown) => boolean) & { errors?: unknown } | undefined;
function sarifValidate() {
  if (!sarifValidator) {
    const file = SHARED_SARIF_SCHEMA ?? VENDORED_SARIF_SCHEMA;
    const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    sarifValidator = ajv.compile(schema);
  }
  return sarifValidator;
}

let reportValidator: ((d: unknown) => boolean) & { errors?: unknown } | undefined;
export function validateReport(text: string): void {
  if (!reportValidator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats.default(ajv);
    reportValidator = ajv.compile(REPORT_SCHEMA);
  }
  const ok = reportValidator(JSON.parse(text));
  expect(reportValidator.errors ?? [], 'JSON report schema errors').toEqual(ok ? [] : ['(see above)']);
  expect(ok).toBe(true);
}

/** Official schema plus GitHub's constraints; fails the test with every problem listed. */
export function validateSarif(text: string): void {
  const log = JSON.parse(text) as unknown;
  const validate = sarifValidate();
  const ok = validate(log);
  expect(ok ? [] : validate.errors, 'SARIF schema errors').toEqual([]);
  expect(checkGithubSarif(log, text), 'GitHub constraints').toEqual([]);
}

export const RULES: RuleMeta[] = [
  rule('isolation-shared-vpc', 'isolation', 'critical', ['AWS::EC2::VPC', 'AWS::EC2::Instance'], '/environments/*/network/vpcCidrs'),
  rule('encryption-at-rest', 'encryption', 'high', ['AWS::S3::Bucket', 'AWS::SQS::Queue'], '/environments/*/encryption/atRest'),
  rule('tagging-required', 'tagging', 'medium', ['AWS::S3::Bucket'], '/tagging/required'),
  rule('retention-log-groups', 'retention', 'low', ['AWS::Logs::LogGroup'], '/environments/*/retention/logGroups'),
];

function rule(id: string, category: RuleMeta['category'], severity: RuleMeta['severity'], types: string[], requirement: string): RuleMeta {
  return {
    id,
    title: `Title of ${id}`,
    category,
    severity,
    resourceTypes: types,
    description: `Checks ${id}.`,
    remediation: `Fix ${id} in the console or IaC.`,
    requirement,
    docs: `https://github.com/envgate/envgate/blob/main/rules/${id}.yaml`,
    origin: 'builtin',
  };
}

export interface ResultInput {
  ruleId: string;
  status?: Result['status'];
  arn: string;
  name?: string;
  environment?: string | null;
  line?: number | null;
  message?: string;
  extra?: Partial<Result>;
}

export function result(i: ResultInput): Result {
  const meta = RULES.find((r) => r.id === i.ruleId)!;
  const parts = i.arn.split(':');
  const environment = i.environment === undefined ? 'staging' : i.environment;
  return {
    ruleId: i.ruleId,
    status: i.status ?? 'fail',
    severity: meta.severity,
    category: meta.category,
    resource: {
      arn: i.arn,
      accountId: parts[4] ?? '',
      region: parts[3] || 'global',
      type: meta.resourceTypes[0]!,
      name: i.name ?? parts.slice(5).join(':'),
      environment,
    },
    environments: environment ? [environment] : [],
    message: i.message ?? `${i.name ?? i.arn} breaks ${i.ruleId}.`,
    evidence: { observed: 'x', expected: 'y', environments: environment ? [environment, 'production'] : [] },
    ...(i.line === null ? {} : { specLocation: { file: 'fixtures/demo/envgate.yaml', line: i.line ?? 12, column: 7, path: meta.requirement } }),
    fingerprint: fingerprint(i.ruleId, i.arn),
    ...i.extra,
  };
}

export function sampleEvaluation(): Evaluation {
  const results: Result[] = [
    result({ ruleId: 'isolation-shared-vpc', arn: 'arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0abc', name: 'shared-vpc', line: 20, extra: { environments: ['production', 'staging'] } }),
    result({ ruleId: 'encryption-at-rest', arn: 'arn:aws:s3:::staging-uploads', environment: 'staging', line: 31 }),
    result({ ruleId: 'encryption-at-rest', arn: 'arn:aws:s3:::prod-uploads', environment: 'production', line: 44, status: 'pass' }),
    result({ ruleId: 'encryption-at-rest', arn: 'arn:aws:sqs:eu-west-1:222222222222:prod-jobs', environment: 'production', line: 44 }),
    result({ ruleId: 'tagging-required', arn: 'arn:aws:s3:::orphan bucket', environment: null, line: null }),
    result({
      ruleId: 'tagging-required',
      arn: 'arn:aws:s3:::staging-waived',
      line: 9,
      extra: { waiver: { owner: 'team-a', reason: 'migrating', expires: '2030-01-01' } },
    }),
    result({
      ruleId: 'retention-log-groups',
      status: 'not-evaluated',
      arn: 'arn:aws:logs:eu-west-1:222222222222:log-group:/app/prod',
      environment: 'production',
      extra: { reason: 'logs:DescribeLogGroups failed: AccessDenied' },
    }),
  ];
  return {
    results,
    rules: RULES,
    accessMatrix: [
      { team: 'developers', environment: 'production', declared: 'view', effective: 'full', grants: [], caveats: ['Condition on aws:SourceIp'] },
      { team: 'developers', environment: 'staging', declared: 'deploy', effective: 'deploy', grants: [], caveats: [] },
    ],
    costs: [
      { environment: 'production', ceilingUsd: 500, estimateUsd: 612.5, actualUsd: null, breakdown: [{ item: 'EC2 t3.large', monthlyUsd: 612.5 }], priceTable: { region: 'eu-west-1', asOf: '2025-01-01' } },
      { environment: 'staging', ceilingUsd: 200, estimateUsd: 120, actualUsd: 130.25, breakdown: [], priceTable: { region: 'eu-west-1', asOf: '2025-01-01' } },
    ],
    attribution: {},
    excluded: [
      {
        arn: 'arn:aws:s3:::legacy|logs',
        accountId: '111111111111',
        region: 'global',
        type: 'AWS::S3::Bucket',
        name: 'legacy|logs',
        environment: 'staging',
        exclusion: 0,
        reason: 'retired with *v1* (TICKET-1)',
        owner: 'platform',
        expires: '2025-09-30',
        specLocation: { file: 'fixtures/demo/envgate.yaml', line: 80, column: 5, path: '/exclude/0' },
      },
    ],
  };
}

export function sampleContext(over: Partial<ReportContext> = {}): ReportContext {
  return {
    toolVersion: '0.1.0',
    spec: { file: 'fixtures/demo/envgate.yaml', sha256: 'a'.repeat(64), system: 'demo' },
    snapshot: {
      metadata: {
        tool: { name: 'envgate', version: '0.1.0' },
        collectedAt: '2025-01-02T03:04:05Z',
        accounts: ['222222222222', '111111111111'],
        regions: ['eu-west-1'],
        apiCalls: { 'tagging:GetResources': 3, 'iam:GetAccountAuthorizationDetails': 2 },
        coverage: [],
      },
      errors: [
        {
          accountId: '222222222222',
          region: 'eu-west-1',
          service: 'logs',
          operation: 'DescribeLogGroups',
          code: 'AccessDenied',
          message: 'not authorized',
          affects: ['AWS::Logs::LogGroup'],
        },
      ],
      source: 'file',
      file: 'fixtures/demo/snapshot.json',
    },
    generatedAt: '2025-01-02T04:00:00.000Z',
    scope: { environments: [] },
    failOn: 'high',
    ...over,
  };
}

/** A complete context (no collection errors). */
export function cleanContext(over: Partial<ReportContext> = {}): ReportContext {
  const c = sampleContext(over);
  return { ...c, snapshot: { ...c.snapshot, errors: [] } };
}
