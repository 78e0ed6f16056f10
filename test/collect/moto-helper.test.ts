// The shared moto helper itself: starts, separates accounts by header, resets.
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOTO_MISSING, motoClientConfig, startMoto, withAccount, type Moto } from '../helpers/moto.js';

describe('moto helper', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('serves a loopback endpoint and keeps accounts apart', async () => {
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const other = withAccount(new SQSClient(motoClientConfig(moto)), '111111111111');
    const dflt = new SQSClient(motoClientConfig(moto));
    await other.send(new CreateQueueCommand({ QueueName: 'only-in-111' }));
    const inOther = await other.send(new ListQueuesCommand({}));
    const inDefault = await dflt.send(new ListQueuesCommand({}));
    expect(inOther.QueueUrls?.some((u) => u.includes('111111111111/only-in-111'))).toBe(true);
    expect(inDefault.QueueUrls ?? []).toEqual([]);
    await moto.reset();
    expect((await other.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
  });

  it('fails (never skips) with install advice when moto_server is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent-envgate-path';
    try {
      await expect(startMoto()).rejects.toThrow(MOTO_MISSING);
    } finally {
      process.env.PATH = path;
    }
  });
});
