// envgate publish against the AWS emulator (moto serves Security Hub BatchImportFindings
// and GetFindings; it ignores GetFindings filters, which publish also applies itself).
// Needs moto_server: without it startMoto throws and these tests fail, never skip.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AwsSecurityFinding, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Result } from '../../src/model/result.js';
import { buildJsonReport, type JsonReport } from '../../src/report/json.js';
import { publishToSecurityHub } from '../../src/publish/security-hub.js';
import { startMoto, type Moto, motoClientConfig, stubFakeAwsEnv } from '../helpers/moto.js';
import { cleanContext, result, sampleEvaluation } from '../report/helpers.js';

const ACCOUNT = '123456789012'; // moto's default account, the one the client calls as
const BUCKETS = (n: number, status: Result['status'] = 'fail'): Result[] =>
  Array.from({ length: n }, (_, i) => {
    const r = result({ ruleId: 'encryption-at-rest', arn: `arn:aws:s3:::bucket-${String(i).padStart(3, '0')}`, environment: 'staging', status });
    return { ...r, resource: { ...r.resource, accountId: ACCOUNT } };
  });

function report(results: Result[]): JsonReport {
  return buildJsonReport({ ...sampleEvaluation(), results }, cleanContext());
}

describe('envgate publish --security-hub against the emulator', () => {
  let moto: Moto;
  let client: SecurityHubClient;
  const calls: { op: string; findings: number }[] = [];

  beforeAll(async () => {
    moto = await startMoto();
    client = new SecurityHubClient({ ...motoClientConfig(moto, { region: 'eu-west-1' }), maxAttempts: 3 });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input?: { Findings?: unknown[] } }).input;
        calls.push({ op: String((context as { commandName?: string }).commandName), findings: input?.Findings?.length ?? 0 });
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
  });
  beforeEach(async () => {
    await moto.reset();
    calls.length = 0;
  });
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  const all = async (): Promise<AwsSecurityFinding[]> => {
    const found: AwsSecurityFinding[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new GetFindingsCommand({ MaxResults: 100, NextToken: token }));
      found.push(...(page.Findings ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return found;
  };
  const byResource = (fs: AwsSecurityFinding[], arn: string) => fs.filter((f) => f.Resources?.[0]?.Id === arn);

  it('imports failing results once, and updates them in place on a second run', async () => {
    const first = report([...BUCKETS(3), ...BUCKETS(2, 'pass').map((r, i) => ({ ...r, resource: { ...r.resource, arn: `arn:aws:s3:::ok-${i}` } }))]);
    const s1 = await publishToSecurityHub(first, client, { region: 'eu-west-1' });
    expect([s1.imported, s1.resolved, s1.archived, s1.failed.length]).toEqual([3, 0, 0, 0]);
    const found = await all();
    expect(found.map((f) => f.Id).sort()).toEqual(first.results.filter((r) => r.status === 'fail').map((r) => `envgate/demo/encryption-at-rest/${r.fingerprint}`).sort());
    const f0 = byResource(found, 'arn:aws:s3:::bucket-000')[0]!;
    expect(f0).toMatchObject({
      SchemaVersion: '2018-10-08',
      ProductArn: 'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
      AwsAccountId: ACCOUNT,
      Region: 'eu-west-1',
      GeneratorId: 'envgate/encryption-at-rest',
      Severity: { Label: 'HIGH' },
      Compliance: { Status: 'FAILED' },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
    });
    const later = buildJsonReport({ ...sampleEvaluation(), results: first.results }, cleanContext({ generatedAt: '2025-02-01T00:00:00.000Z' }));
    const s2 = await publishToSecurityHub(later, client, { region: 'eu-west-1' });
    expect(s2.imported).toBe(3);
    const again = await all();
    expect(again).toHaveLength(3);
    expect(byResource(again, 'arn:aws:s3:::bucket-000')[0]).toMatchObject({ CreatedAt: f0.CreatedAt, UpdatedAt: '2025-02-01T00:00:00.000Z' });
  });

  it('resolves a finding whose result passes later, and archives one whose resource is gone', async () => {
    await publishToSecurityHub(report(BUCKETS(3)), client, { region: 'eu-west-1' });
    const [b0, b1, b2] = BUCKETS(3);
    const later = report([b0!, { ...b1!, status: 'pass' }]); // bucket-002 deleted
    const s = await publishToSecurityHub(later, client, { region: 'eu-west-1' });
    expect([s.imported, s.resolved, s.archived]).toEqual([1, 1, 1]);
    const found = await all();
    expect(found).toHaveLength(3);
    expect(byResource(found, b0!.resource.arn)[0]).toMatchObject({ Compliance: { Status: 'FAILED' }, Workflow: { Status: 'NEW' }, RecordState: 'ACTIVE' });
    expect(byResource(found, b1!.resource.arn)[0]).toMatchObject({ Compliance: { Status: 'PASSED' }, Workflow: { Status: 'RESOLVED' }, RecordState: 'ACTIVE' });
    expect(byResource(found, b2!.resource.arn)[0]).toMatchObject({ Workflow: { Status: 'RESOLVED' }, RecordState: 'ARCHIVED' });
    // A third run changes nothing more: the resolved one is not sent again.
    calls.length = 0;
    const again = await publishToSecurityHub(later, client, { region: 'eu-west-1' });
    expect([again.resolved, again.archived]).toEqual([0, 0]);
    expect(await all()).toHaveLength(3);
  });

  it('resolves nothing from an incomplete report', async () => {
    await publishToSecurityHub(report(BUCKETS(2)), client, { region: 'eu-west-1' });
    const error = { accountId: ACCOUNT, region: 'eu-west-1', service: 's3', operation: 'ListBuckets', code: 'AccessDenied', message: 'denied', affects: ['*'] };
    const ctx = cleanContext();
    const incomplete = buildJsonReport({ ...sampleEvaluation(), results: [] }, { ...ctx, snapshot: { ...ctx.snapshot, errors: [error] } });
    const s = await publishToSecurityHub(incomplete, client, { region: 'eu-west-1' });
    expect([s.resolvedStale, s.resolved, s.archived]).toEqual([false, 0, 0]);
    expect((await all()).map((f) => f.RecordState)).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it('sends at most 100 findings a call', async () => {
    const s = await publishToSecurityHub(report(BUCKETS(250)), client, { region: 'eu-west-1' });
    expect(s.batches).toBe(3);
    expect(calls.filter((c) => c.op === 'BatchImportFindingsCommand').map((c) => c.findings)).toEqual([100, 100, 50]);
    expect(await all()).toHaveLength(250);
  });

  it('retries a throttled call', async () => {
    const retrying = new SecurityHubClient({ ...motoClientConfig(moto, { region: 'eu-west-1' }), maxAttempts: 3 });
    let attempts = 0;
    retrying.middlewareStack.add(
      (next) => async (args) => {
        attempts++;
        if (attempts === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 429 } });
        return next(args);
      },
      { step: 'deserialize', name: 'throttleOnce' },
    );
    const s = await publishToSecurityHub(report(BUCKETS(1)), retrying, { region: 'eu-west-1' });
    retrying.destroy();
    expect(s.imported).toBe(1);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(await all()).toHaveLength(1);
  });

  describe('the CLI', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'envgate-publish-'));
      stubFakeAwsEnv(vi.stubEnv, 'eu-west-1');
    });
    afterAll(() => {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    });

    it('publishes a report file and says what it did', async () => {
      const file = join(dir, 'envgate.json');
      writeFileSync(file, `${JSON.stringify(report(BUCKETS(4)))}\n`);
      const out = memoryOutput();
      const code = await main(['publish', '--security-hub', file, '--endpoint', moto.endpoint], process.env, out);
      expect(out.stderr.join('\n')).toContain('envgate publish: 4 finding(s) imported, 0 resolved, 0 archived, 0 refused, in 1 BatchImportFindings call(s) to eu-west-1');
      expect(code).toBe(EXIT.ok);
      expect(await all()).toHaveLength(4);
    });

    it('exits 2 on a file that is not a report, and on a bad --account', async () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, '{"not": "a report"}\n');
      const out = memoryOutput();
      expect(await main(['publish', '--security-hub', file, '--endpoint', moto.endpoint], process.env, out)).toBe(EXIT.input);
      expect(out.stderr.join('\n')).toContain('bad.json');
      const good = join(dir, 'envgate.json');
      const out2 = memoryOutput();
      expect(await main(['publish', '--security-hub', good, '--account', '12ab', '--endpoint', moto.endpoint], process.env, out2)).toBe(EXIT.input);
      expect(out2.stderr.join('\n')).toContain("envgate: --account: '12ab' is not an account id (expected 12 digits)");
    });
  });
});
