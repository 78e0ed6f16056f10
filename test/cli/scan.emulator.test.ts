// envgate scan end to end against the AWS emulator (moto): live collection, evaluation
// and all three reports, valid and byte-identical across two scans of the same state.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { twoAccountSpec, PROD, STAGING } from '../collect/spec-fixture.js';
import { startMoto, type Moto, stubFakeAwsEnv } from '../helpers/moto.js';
import { seedAccountRegion } from '../helpers/seed-aws.js';
import { validateReport, validateSarif } from '../report/helpers.js';

describe('envgate scan against the emulator', () => {
  let moto: Moto;
  let dir: string;
  let specFile: string;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await seedAccountRegion(moto, { accountId: PROD, region: 'us-east-1', env: 'production', queues: 3, untaggedQueues: 1, tables: 1, buckets: 2, network: true, globals: true });
    await seedAccountRegion(moto, { accountId: STAGING, region: 'eu-west-1', env: 'staging', queues: 2, buckets: 1 });
    dir = mkdtempSync(join(tmpdir(), 'envgate-scan-emu-'));
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(twoAccountSpec()));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('collects live, writes all three formats, valid and reproducible', async () => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
    const outs = [join(dir, 'a'), join(dir, 'b')];
    const codes: number[] = [];
    for (const out of outs) {
      codes.push(await main(['scan', '--spec', specFile, '--endpoint', moto.endpoint, '--out', out, '--fail-on', 'none'], env, memoryOutput()));
    }
    const json = readFileSync(join(outs[0]!, 'envgate.json'), 'utf8');
    validateReport(json);
    validateSarif(readFileSync(join(outs[0]!, 'envgate.sarif'), 'utf8'));
    const report = JSON.parse(json) as { run: { snapshot: { source: string }; apiCallsTotal: number }; results: { resource: { accountId: string } }[]; summary: { complete: boolean } };
    expect(report.run.snapshot.source).toBe('live');
    expect(report.run.apiCallsTotal).toBeGreaterThan(0);
    expect(new Set(report.results.map((r) => r.resource.accountId))).toEqual(new Set([PROD, STAGING]));
    // --fail-on none: 0 when complete, 3 when the emulator left something out; never 1.
    expect(codes[0]).toBe(report.summary.complete ? EXIT.ok : EXIT.incomplete);
    for (const f of ['envgate.json', 'envgate.sarif', 'envgate.md']) {
      expect(readFileSync(join(outs[1]!, f), 'utf8'), f).toBe(readFileSync(join(outs[0]!, f), 'utf8'));
    }
  });
});
