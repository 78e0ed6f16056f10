// Hand-built results and reports for the gate's unit tests.
import { fingerprint } from '../../src/util/fingerprint.js';
import type { Evaluation, Result, Severity, Status } from '../../src/model/result.js';
import type { ReportContext } from '../../src/report/context.js';
import { buildJsonReport, type JsonReport } from '../../src/report/json.js';

export function result(
  ruleId: string,
  arn: string,
  opts: { status?: Status; severity?: Severity; environment?: string | null; environments?: string[] } = {},
): Result {
  const [, , service = 's3', region = '', account = '111111111111'] = arn.split(':');
  const environment = opts.environment === undefined ? 'production' : opts.environment;
  return {
    ruleId,
    status: opts.status ?? 'fail',
    severity: opts.severity ?? 'high',
    category: 'encryption',
    resource: { arn, accountId: account, region, type: `AWS::${service.toUpperCase()}::Thing`, name: arn.split(/[:/]/).at(-1)!, environment },
    environments: opts.environments ?? (environment === null ? [] : [environment]),
    message: `${ruleId} on ${arn}`,
    evidence: { observed: false, expected: true },
    fingerprint: fingerprint(ruleId, arn),
    ...(opts.status === 'not-evaluated' ? { reason: 'collection error s3:GetBucketEncryption AccessDenied' } : {}),
  };
}

export function context(over: Partial<ReportContext> = {}): ReportContext {
  return {
    toolVersion: '0.1.0',
    spec: { file: 'envgate.yaml', sha256: 'a'.repeat(64), system: 'shop' },
    snapshot: {
      metadata: {
        tool: { name: 'envgate', version: '0.1.0' },
        collectedAt: '2025-01-01T00:00:00Z',
        accounts: ['111111111111'],
        regions: ['eu-west-1'],
        apiCalls: { 's3:ListBuckets': 1 },
        coverage: [],
      },
      errors: [],
      source: 'file',
    },
    generatedAt: '2025-01-01T00:00:00Z',
    scope: { environments: [] },
    failOn: 'high',
    ...over,
  };
}

export function evaluation(results: Result[]): Evaluation {
  return { results, rules: [], accessMatrix: [], costs: [], attribution: {} };
}

export function report(results: Result[], ctx: ReportContext = context()): JsonReport {
  return buildJsonReport(evaluation(results), ctx);
}

export const BUCKET_A = 'arn:aws:s3:::prod-a';
export const BUCKET_B = 'arn:aws:s3:::prod-b';
export const LEGACY_1 = 'arn:aws:s3:::legacy-logs-1';
export const LEGACY_2 = 'arn:aws:s3:::legacy-logs-2';
