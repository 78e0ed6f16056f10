// A live scan's console against the emulator: progress lines naming each account and
// region as it finishes (only with --progress when stderr is piped), and collection
// failures said once per cause (access denied on a service through the fault proxy, an
// endpoint nobody listens on).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { PROD, STAGING, twoAccountSpec } from '../collect/spec-fixture.js';
import { runCliAsync } from '../helpers/cli.js';
import { denyService, startFaultProxy } from '../helpers/fault-proxy.js';
import { freePort, type Moto, startMoto, stubFakeAwsEnv } from '../helpers/moto.js';
import { seedAccountRegion } from '../helpers/seed-aws.js';

const FAKE_AWS = { AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE0000', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

describe('live scan console', () => {
  let moto: Moto;
  let dir: string;
  let specFile: string;

  beforeAll(async () => {
    moto = await startMoto();
    await seedAccountRegion(moto, { accountId: PROD, region: 'us-east-1', env: 'production', queues: 1, buckets: 1 });
    dir = mkdtempSync(join(tmpdir(), 'envgate-console-emu-'));
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(twoAccountSpec()));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('--progress names every account region and global part as it finishes, even when piped', async () => {
    const r = await runCliAsync(['scan', '--spec', specFile, '--endpoint', moto.endpoint, '--out', join(dir, 'p'), '--fail-on', 'none', '--progress'], { env: FAKE_AWS });
    const lines = r.stderr.split('\n').filter((l) => / collected /.test(l));
    // 2 accounts x (2 regions + global services); the counter runs 1..6 in finishing order.
    expect(lines.map((l) => l.replace(/^\[\d\/6\] /, '').replace(/: \d+ error\(s\)$/, '')).sort()).toEqual([
      `collected ${STAGING} (staging) eu-west-1`,
      `collected ${STAGING} (staging) global services`,
      `collected ${STAGING} (staging) us-east-1`,
      `collected ${PROD} (production) eu-west-1`,
      `collected ${PROD} (production) global services`,
      `collected ${PROD} (production) us-east-1`,
    ]);
    expect(lines.map((l) => l.slice(0, 5))).toEqual(['[1/6]', '[2/6]', '[3/6]', '[4/6]', '[5/6]', '[6/6]']);
  });

  it('prints no progress when stderr is piped and --progress is not given', async () => {
    const r = await runCliAsync(['scan', '--spec', specFile, '--endpoint', moto.endpoint, '--out', join(dir, 'q'), '--fail-on', 'none'], { env: FAKE_AWS });
    expect(r.stderr).toMatch(/envgate scan: (PASS|INCOMPLETE)/);
    expect(r.stderr).not.toMatch(/collected|\[\d\/6\]/);
  });

  it('says "access denied on tagging" once for every denied call of the service', async () => {
    const proxy = await startFaultProxy(moto.endpoint, denyService('tagging'));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
    try {
      const out = memoryOutput();
      const code = await main(['scan', '--spec', specFile, '--endpoint', proxy.endpoint, '--out', join(dir, 'd'), '--fail-on', 'none'], process.env, out);
      expect(code).toBe(EXIT.incomplete);
      const causes = out.stderr.filter((l) => l.startsWith('  cause: '));
      expect(causes).toHaveLength(1);
      expect(causes[0]).toMatch(/^ {2}cause: access denied on tagging \(AccessDeniedException\): \d+ error\(s\) in 2 account\(s\), 2 region\(s\); services tagging$/);
      expect(proxy.counts.AccessDeniedException).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
  });
});

describe('an endpoint nobody listens on', () => {
  it('is one cause line naming the refused address, and exit 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envgate-console-down-'));
    try {
      const specFile = join(dir, 'envgate.yaml');
      writeFileSync(specFile, stringify(twoAccountSpec()));
      const port = await freePort();
      const r = await runCliAsync(['scan', '--spec', specFile, '--endpoint', `http://127.0.0.1:${port}`, '--out', join(dir, 'o'), '--call-timeout', '10'], { env: FAKE_AWS });
      expect(r.code).toBe(EXIT.incomplete);
      const causes = r.stderr.split('\n').filter((l) => l.startsWith('  cause: '));
      expect(causes).toEqual([`  cause: endpoint unreachable (ECONNREFUSED 127.0.0.1:${port}): 2 error(s) in 2 account(s); services sts`]);
      expect(r.stderr).toMatch(/envgate scan: INCOMPLETE \(exit 3\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
