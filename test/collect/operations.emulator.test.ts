// IAM users' console sign-in (GetLoginProfile, ListMFADevices), CloudWatch dashboards
// (ListDashboards) and Route 53 record sets (ListResourceRecordSets, paged) collected
// from the AWS emulator (moto 5.2.1). moto answers ListDashboards in one page (paging is
// in operations.mock.test.ts), and gives alias records a TTL of 0 where AWS gives none.
import { CreateLoginProfileCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from '@aws-sdk/client-iam';
import { CloudWatchClient, PutDashboardCommand } from '@aws-sdk/client-cloudwatch';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, type ResourceRecordSet, Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { motoClientConfig, startMoto, type Moto } from '../helpers/moto.js';
import { collectProductionPaged, PROD, resourceByName } from './spec-fixture.js';

const R = 'us-east-1';

describe('collect operations types against moto', () => {
  let moto: Moto;
  let snap: Snapshot;
  let lbArn: string;
  let lbDns: string;
  let zoneId: string;

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

    const ec2 = new EC2Client(cfg);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
    const subnets: string[] = [];
    for (const [i, az] of ['us-east-1a', 'us-east-1b'].entries()) subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.9.${i}.0/24`, AvailabilityZone: az }))).Subnet!.SubnetId!);
    const lb = (await new ElasticLoadBalancingV2Client(cfg).send(new CreateLoadBalancerCommand({ Name: 'api-production-alb', Subnets: subnets }))).LoadBalancers![0]!;
    lbArn = lb.LoadBalancerArn!;
    lbDns = lb.DNSName!;
    const r53 = new Route53Client(cfg);
    zoneId = (await r53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'ops12' }))).HostedZone!.Id!.replace('/hostedzone/', '');
    const change = (Name: string, rr: Omit<ResourceRecordSet, 'Name'>) => ({ Action: 'CREATE' as const, ResourceRecordSet: { Name, ...rr } });
    await r53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          change('api.example.com', { Type: 'A', AliasTarget: { DNSName: `dualstack.${lbDns}`, HostedZoneId: 'Z35SXDOTRQ7X7K', EvaluateTargetHealth: true } }),
          change('www.example.com', { Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: lbDns }] }),
          change('mail.example.com', { Type: 'MX', TTL: 3600, ResourceRecords: [{ Value: '10 mx.example.net' }] }),
          change('status.example.com', { Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.7' }] }),
        ],
      },
    }));

    snap = await collectProductionPaged(moto, R);
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const byName = (type: string, name: string): Resource => resourceByName(snap, type, name);

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

  it('lists every record of every zone, page by page, and joins aliases and CNAMEs to their load balancer', () => {
    const records = snap.resources.filter((r) => r.type === 'AWS::Route53::RecordSet');
    // The zone's own NS and SOA records come too (account furniture for the rules).
    expect(records.map((r) => `${r.name} ${String(r.config.recordType)}`).sort()).toEqual([
      'api.example.com A',
      'example.com NS',
      'example.com SOA',
      'mail.example.com MX',
      'status.example.com A',
      'www.example.com CNAME',
    ]);
    // Six records at two a page (pageCap 2): three pages.
    expect(snap.metadata.apiCalls['route53:ListResourceRecordSets']).toBe(3);
    const api = byName('AWS::Route53::RecordSet', 'api.example.com');
    expect(api.arn).toBe(`arn:aws:route53:::recordset/${zoneId}/api.example.com/A`);
    expect(api.config).toEqual({ zoneId, zoneName: 'example.com.', recordName: 'api.example.com.', recordType: 'A', aliasTarget: { dnsName: `dualstack.${lbDns}`, hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: true } });
    expect(api.relations).toEqual([{ kind: 'alias-target', target: lbArn }]);
    expect(byName('AWS::Route53::RecordSet', 'www.example.com').relations).toEqual([{ kind: 'alias-target', target: lbArn }]);
    expect(byName('AWS::Route53::RecordSet', 'status.example.com').config).toEqual({ zoneId, zoneName: 'example.com.', recordName: 'status.example.com.', recordType: 'A', ttl: 60, values: ['192.0.2.7'] });
    expect(byName('AWS::Route53::RecordSet', 'status.example.com').relations).toEqual([]);
  });
});
