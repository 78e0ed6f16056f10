// Rate buckets pace every attempt, retries included: the SDK retries inside the client,
// so a throttled Tagging call's retry must take a token of its own. Moto cannot throttle;
// a loopback fault proxy answers the first GetResources with ThrottlingException and
// forwards the rest to moto.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { collectTagging } from '../../src/collect/sources/tagging.js';
import { startFaultProxy, type FaultProxy, type InjectedFault } from '../helpers/fault-proxy.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { fakeCredentials, PROD } from './spec-fixture.js';

function throttleFirst(target: string): (req: IncomingMessage) => InjectedFault | undefined {
  let done = false;
  return (req) => {
    if (done || req.headers['x-amz-target'] !== target) return undefined;
    done = true;
    return { status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }) };
  };
}

describe('pacing of retries', () => {
  let moto: Moto;
  let proxy: FaultProxy;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    proxy = await startFaultProxy(moto.endpoint, throttleFirst('ResourceGroupsTaggingAPI_20170126.GetResources'));
  });
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('takes a rate token for the retry of a throttled Tagging call, not only for the first attempt', async () => {
    const admitted: string[] = [];
    const calls: string[] = [];
    const pacer = new Pacer(2);
    const pool = new ClientPool({
      endpoint: proxy.endpoint,
      maxAttempts: 3,
      credentials: fakeCredentials,
      count: (svc, op) => void calls.push(`${svc}:${op}`),
      admit: async (op, accountId, region) => {
        admitted.push(`${op} ${accountId} ${region}`);
        await pacer.admit(op, accountId, region);
      },
    });
    const s = new Session(pool, pacer);
    await collectTagging(s, { accountId: PROD, region: 'us-east-1' });

    expect(proxy.faults).toBe(1);
    expect(s.errors).toEqual([]);
    expect(calls).toEqual(['tagging:GetResources', 'tagging:GetResources']);
    expect(admitted).toEqual([`tagging:GetResources ${PROD} us-east-1`, `tagging:GetResources ${PROD} us-east-1`]);
    expect(s.coverage).toEqual([expect.objectContaining({ source: 'tagging', types: ['tags'] })]);
  });
});
