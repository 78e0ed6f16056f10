// Right account, right credentials (against moto): each account's identity is checked
// with STS GetCallerIdentity before anything is read there. Credentials that answer for
// another account are a collection error naming both ids, that account is not
// collected, and its results are not-evaluated, never a scan of the wrong account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Spec } from '../../src/model/spec.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { loadRules } from '../../src/rules/load.js';
import { loaded } from '../engine/helpers.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { seedAccountRegion } from '../helpers/seed-aws.js';
import { fakeCredentials, PROD, STAGING, twoAccountSpec } from './spec-fixture.js';

const OTHER = '222222222222';
const THIRD = '333333333333';
const NOW = new Date(Date.UTC(2026, 0, 15));

function specWith(accounts: { env: string; id: string; roleArn?: string }[]): Spec {
  const spec = twoAccountSpec();
  const template = spec.environments.production!;
  spec.environments = {};
  for (const a of accounts) {
    spec.environments[a.env] = { ...template, accounts: [{ id: a.id, ...(a.roleArn ? { roleArn: a.roleArn } : {}) }], regions: ['us-east-1'], encryption: { atRest: ['AWS::SQS::Queue'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } } };
  }
  return spec;
}

describe('account identity before collection', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await seedAccountRegion(moto, { accountId: PROD, region: 'us-east-1', env: 'production', queues: 3 });
    await seedAccountRegion(moto, { accountId: STAGING, region: 'us-east-1', env: 'staging', queues: 2 });
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const run = (spec: Spec): Promise<Snapshot> => collect(spec, { now: NOW, endpoint: moto.endpoint, credentials: fakeCredentials, regions: ['us-east-1'] });

  it('makes one GetCallerIdentity per account, with that account\'s credentials, and collects matching ones', async () => {
    const snap = await run(specWith([
      { env: 'production', id: PROD },
      { env: 'staging', id: STAGING, roleArn: `arn:aws:iam::${STAGING}:role/envgate-read` },
    ]));
    expect(snap.errors).toEqual([]);
    expect(snap.metadata.apiCalls['sts:GetCallerIdentity']).toBe(2);
    expect(snap.resources.filter((r) => r.type === 'AWS::SQS::Queue').map((r) => r.accountId).sort()).toEqual([STAGING, STAGING, PROD, PROD, PROD].sort());
  });

  it('refuses base credentials of another account: an error naming both ids, nothing collected there', async () => {
    // moto's base credentials answer for 123456789012 (PROD); the spec says 222222222222.
    const snap = await run(specWith([{ env: 'production', id: OTHER }]));
    expect(snap.errors).toEqual([
      {
        accountId: OTHER,
        region: 'global',
        service: 'sts',
        operation: 'GetCallerIdentity',
        code: 'AccountMismatch',
        message: `the credentials for account ${OTHER} (the base credentials) belong to account ${PROD} (arn:aws:sts::${PROD}:user/moto); account ${OTHER} was not scanned`,
        affects: ['*'],
      },
    ]);
    expect(snap.resources).toEqual([]);
    expect(snap.principals).toEqual([]);
    expect(Object.keys(snap.metadata.apiCalls).sort()).toEqual(['sts:GetCallerIdentity']);
    expect(snap.metadata.accounts).toEqual([OTHER]);
  });

  it('refuses a role that lands in another account, and scans the accounts that match', async () => {
    const roleArn = `arn:aws:iam::${THIRD}:role/envgate-read`;
    const snap = await run(specWith([
      { env: 'production', id: PROD },
      { env: 'staging', id: STAGING, roleArn },
    ]));
    expect(snap.errors).toHaveLength(1);
    expect(snap.errors[0]).toMatchObject({ accountId: STAGING, code: 'AccountMismatch', affects: ['*'] });
    expect(snap.errors[0]!.message).toContain(`account ${STAGING} (role ${roleArn}) belong to account ${THIRD}`);
    expect(snap.resources.some((r) => r.accountId === STAGING || r.accountId === THIRD)).toBe(false);
    expect(snap.resources.filter((r) => r.type === 'AWS::SQS::Queue' && r.accountId === PROD)).toHaveLength(3);

    // The unscanned account's requirements are not-evaluated, naming the mismatch; the other account's are evaluated.
    const spec = specWith([{ env: 'production', id: PROD }, { env: 'staging', id: STAGING, roleArn }]);
    spec.attribution.tagKeys = ['env'];
    const ev = evaluate({ spec: loaded(spec), snapshot: snap, rules: loadRules().filter((r) => r.meta.id === 'encryption-at-rest'), now: NOW });
    const staging = ev.results.filter((r) => r.resource.accountId === STAGING);
    expect(staging.length).toBeGreaterThan(0);
    expect(staging.every((r) => r.status === 'not-evaluated' && (r.reason ?? '').includes('AccountMismatch'))).toBe(true);
    expect(ev.results.filter((r) => r.resource.accountId === PROD && r.status !== 'not-evaluated')).toHaveLength(3);
  });
});
