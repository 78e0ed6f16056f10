// IAM users' console sign-in (GetLoginProfile, ListMFADevices) collected from the AWS
// emulator (moto 5.2.1).
import { CreateLoginProfileCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { motoClientConfig, startMoto, type Moto } from '../helpers/moto.js';
import { fakeCredentials, PROD, twoAccountSpec } from './spec-fixture.js';

const R = 'us-east-1';

describe('collect operations types against moto', () => {
  let moto: Moto;
  let snap: Snapshot;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    const cfg = motoClientConfig(moto, { region: R });
    const iam = new IAMClient(cfg);
    for (const name of ['alice', 'bob', 'ci-deployer']) await iam.send(new CreateUserCommand({ UserName: name, Tags: [{ Key: 'env', Value: 'production' }] }));
    for (const name of ['alice', 'bob']) await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Correct-horse-9' }));
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }))).VirtualMFADevice!.SerialNumber!;
    await iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: device, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));

    const spec = twoAccountSpec();
    delete spec.environments.staging;
    snap = await collect(spec, { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials, pageCap: 2, regions: [R] });
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const byName = (type: string, name: string): Resource => {
    const r = snap.resources.find((x) => x.type === type && x.name === name);
    if (!r) throw new Error(`no ${type} ${name}`);
    return r;
  };

  it('records each user\'s console password and, with one, whether an MFA device is assigned', () => {
    expect(snap.errors).toEqual([]);
    expect(byName('AWS::IAM::User', 'alice').config).toEqual({ path: '/', consolePassword: true, mfaEnabled: true });
    expect(byName('AWS::IAM::User', 'bob').config).toEqual({ path: '/', consolePassword: true, mfaEnabled: false });
    // No console password (NoSuchEntity): a machine user; ListMFADevices is not made.
    expect(byName('AWS::IAM::User', 'ci-deployer').config).toEqual({ path: '/' , consolePassword: false });
    expect(byName('AWS::IAM::User', 'alice').arn).toBe(`arn:aws:iam::${PROD}:user/alice`);
    expect(snap.metadata.apiCalls['iam:GetLoginProfile']).toBe(3);
    expect(snap.metadata.apiCalls['iam:ListMFADevices']).toBe(2);
  });
});
