// IAM users' console sign-in (GetLoginProfile, ListMFADevices) and CloudWatch dashboards
// (ListDashboards) collected from the AWS emulator (moto 5.2.1). moto answers
// ListDashboards in one page (paging is in operations.mock.test.ts).
import { CreateLoginProfileCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from '@aws-sdk/client-iam';
import { CloudWatchClient, PutDashboardCommand } from '@aws-sdk/client-cloudwatch';
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

    const cw = new CloudWatchClient(cfg);
    const body = JSON.stringify({ widgets: [{ type: 'text', x: 0, y: 0, width: 6, height: 3, properties: { markdown: 'api' } }] });
    for (const name of ['api-production-overview', 'api-production-costs']) await cw.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: body }));

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

  it('lists dashboards once per account, global, with their size', () => {
    const dashboards = snap.resources.filter((r) => r.type === 'AWS::CloudWatch::Dashboard');
    expect(dashboards.map((d) => [d.arn, d.region, d.name])).toEqual([
      [`arn:aws:cloudwatch::${PROD}:dashboard/api-production-costs`, 'global', 'api-production-costs'],
      [`arn:aws:cloudwatch::${PROD}:dashboard/api-production-overview`, 'global', 'api-production-overview'],
    ]);
    expect(Object.keys(byName('AWS::CloudWatch::Dashboard', 'api-production-costs').config).sort()).toEqual(['lastModified', 'sizeBytes']);
    expect(snap.metadata.apiCalls['cloudwatch:ListDashboards']).toBe(1);
  });
});
