// The issue's "done when", end to end against the AWS emulator (moto): an account with
// violations blocks the gate (1); the same scan's report as baseline passes (0); every
// finding waived passes (0); one of those waivers expired blocks (1) and is named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { EnvironmentSpec, Spec } from '../../src/model/spec.js';
import { motoClientConfig, startMoto, withAccount, type Moto, stubFakeAwsEnv } from '../helpers/moto.js';

const PROD = '123456789012';
const STAGING = '111111111111';
const REGION = 'us-east-1';
const NOW = '1735732800'; // 2025-01-01T12:00:00Z

const env = (accountId: string, extra: Partial<EnvironmentSpec> = {}): EnvironmentSpec => ({
  aliases: [],
  accounts: [{ id: accountId, ...(accountId === STAGING ? { roleArn: `arn:aws:iam::${STAGING}:role/envgate-read` } : {}) }],
  regions: [REGION],
  attribution: { names: [], namesByType: {}, vpcs: [], accountWide: true },
  naming: {},
  ...extra,
});

function spec(): Spec {
  return {
    version: 1,
    system: { name: 'gate-emulator' },
    attribution: { tagKeys: ['env'] },
    environments: {
      // Production buckets must be versioned; the seeded ones are not.
      production: env(PROD, {
        dataProtection: { versioning: ['*'], accessLogging: [], publicAccessBlock: false, deletionProtection: [], multiAz: [], pointInTimeRecovery: false },
      }),
      staging: env(STAGING),
    },
    shared: [],
    tagging: { required: [] },
    teams: {},
    access: { levels: {} as Spec['access']['levels'], matrix: {} },
    parity: [],
  };
}

describe('envgate gate against the emulator', () => {
  let moto: Moto;
  let dir: string;
  let specFile: string;
  const envVars = () => ({ ...process.env, SOURCE_DATE_EPOCH: NOW, NO_COLOR: '1' });

  async function gate(out: string, ...extra: string[]) {
    const o = memoryOutput();
    const code = await main(['gate', '--spec', specFile, '--endpoint', moto.endpoint, '--from', 'staging', '--to', 'production', '--out', join(dir, out), ...extra], envVars(), o);
    return { code, stderr: o.stderr.join('\n'), decision: code === 2 ? undefined : JSON.parse(readFileSync(join(dir, out, 'envgate-gate.json'), 'utf8')) };
  }

  beforeAll(async () => {
    moto = await startMoto(); // throws (fails the suite) when moto_server is missing
    await moto.reset();
    const s3 = withAccount(new S3Client(motoClientConfig(moto, { region: REGION })), PROD);
    for (const name of ['prod-orders', 'prod-invoices', 'prod-exports']) {
      await s3.send(new CreateBucketCommand({ Bucket: `${PROD}-${name}` }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: `${PROD}-${name}`, Tagging: { TagSet: [{ Key: 'env', Value: 'production' }] } }));
    }
    dir = mkdtempSync(join(tmpdir(), 'envgate-gate-emu-'));
    specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(spec()));
    stubFakeAwsEnv(vi.stubEnv, REGION);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('blocks on violations, passes with its own report as baseline or with every finding waived, and blocks naming an expired waiver', async () => {
    const first = await gate('first', '--fail-on', 'medium');
    expect(first.code, first.stderr).toBe(1);
    expect(first.decision.incomplete, first.stderr).toBe(false);
    const blocking = first.decision.blocking as { fingerprint: string; ruleId: string; arn: string }[];
    expect(blocking.map((b) => b.ruleId)).toContain('s3-versioning');
    for (const name of ['prod-orders', 'prod-invoices', 'prod-exports']) expect(blocking.map((b) => b.arn)).toContain(`arn:aws:s3:::${PROD}-${name}`);

    const baseline = await gate('baseline', '--fail-on', 'medium', '--baseline', join(dir, 'first', 'envgate.json'));
    expect(baseline.code, baseline.stderr).toBe(0);

    const waivers = (expired: number | null) =>
      `version: 1\nwaivers:\n${blocking
        .map((b, i) => `  - id: w${i}\n    fingerprint: ${b.fingerprint}\n    reason: accepted\n    owner: platform\n    expires: ${i === expired ? '2024-12-31' : '2025-06-30'}\n`)
        .join('')}`;
    writeFileSync(join(dir, 'waivers.yaml'), waivers(null));
    const waived = await gate('waived', '--fail-on', 'medium', '--waivers', join(dir, 'waivers.yaml'));
    expect(waived.code, waived.stderr).toBe(0);
    expect(waived.decision.counts.waived).toBe(blocking.length);

    writeFileSync(join(dir, 'expired.yaml'), waivers(1));
    const expired = await gate('expired', '--fail-on', 'medium', '--waivers', join(dir, 'expired.yaml'));
    expect(expired.code, expired.stderr).toBe(1);
    expect(expired.decision.blocking.map((b: { fingerprint: string }) => b.fingerprint)).toEqual([blocking[1]!.fingerprint]);
    expect(expired.stderr).toContain(`w1 (${join(dir, 'expired.yaml')}:8) expired on 2024-12-31`);
    // Four live collections against moto: on a loaded machine that is near the default 60 s.
  }, 180_000);
});
