// Private subnets and network requirements against the AWS emulator (moto): a default VPC
// as AWS makes it (moto may leave out its internet gateway and route, so the test adds
// them) plus a custom production VPC with a public subnet for the bastion and private
// subnets for the workload. A compliant account scans clean on the five network and
// presence rules: the default VPC's default subnets are public, but no workload is in
// them, so nothing flags them. Then an instance launched into a default subnet fails
// private-subnets, naming the subnet, the main route table and its internet route.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Result } from '../../src/model/result.js';
import { loadSpec } from '../../src/spec/load.js';
import { DEFAULT_ACCOUNT, motoClientConfig, startMoto, stubFakeAwsEnv, type Moto } from '../helpers/moto.js';

const REGION = 'us-east-1';
const RULES = ['private-subnets', 'bastion-ssh', 'allowed-ingress', 'availability-zone-count', 'required-resource-types'];
const AMI = 'ami-12c6146b';
const prodTags = (name: string): Tag[] => [{ Key: 'Environment', Value: 'production' }, { Key: 'Name', Value: name }];
const spec = (kind: string, name: string) => [{ ResourceType: kind as 'vpc', Tags: prodTags(name) }];

interface Seeded {
  defaultVpc: string;
  defaultSubnet: string;
  mainTable: string;
  igw: string;
  app: string;
  bastion: string;
  sgApp: string;
}

/** The default VPC as AWS has it (an internet gateway and a 0.0.0.0/0 route on its main table), then the custom VPC. */
async function seed(ec2: EC2Client): Promise<Seeded> {
  const defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
  const defaultSubnet = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }, { Name: 'default-for-az', Values: ['true'] }] }))).Subnets!.map((s) => s.SubnetId!).sort()[0]!;
  const mainTable = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables![0]!;
  let igw = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [defaultVpc] }] }))).InternetGateways?.[0]?.InternetGatewayId;
  if (!igw) {
    igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: defaultVpc }));
  }
  if (!(mainTable.Routes ?? []).some((r) => r.GatewayId === igw && r.DestinationCidrBlock === '0.0.0.0/0')) {
    await ec2.send(new CreateRouteCommand({ RouteTableId: mainTable.RouteTableId!, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
  }

  // Production: 10.30.0.0/16, a public subnet in a, private subnets in a and b.
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16', TagSpecifications: spec('vpc', 'prod-vpc') }))).Vpc!.VpcId!;
  const subnet = async (cidr: string, az: string, name: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: az, TagSpecifications: spec('subnet', name) }))).Subnet!.SubnetId!;
  const pub = await subnet('10.30.0.0/24', 'us-east-1a', 'prod-public-a');
  const privA = await subnet('10.30.1.0/24', 'us-east-1a', 'prod-private-a');
  const privB = await subnet('10.30.2.0/24', 'us-east-1b', 'prod-private-b');
  const prodIgw = (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: spec('internet-gateway', 'prod-igw') }))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: prodIgw, VpcId: vpc }));
  const table = async (name: string) => (await ec2.send(new CreateRouteTableCommand({ VpcId: vpc, TagSpecifications: spec('route-table', name) }))).RouteTable!.RouteTableId!;
  const publicTable = await table('prod-public');
  await ec2.send(new CreateRouteCommand({ RouteTableId: publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: prodIgw }));
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicTable, SubnetId: pub }));
  const privateTable = await table('prod-private');
  for (const s of [privA, privB]) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateTable, SubnetId: s }));

  const group = async (name: string) => (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: name, Description: name, TagSpecifications: spec('security-group', name) }))).GroupId!;
  const sgBastion = await group('prod-bastion-sg');
  const sgApp = await group('prod-app-sg');
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sgBastion, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24' }] }] }));
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sgApp,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: sgBastion }] },
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.8.0.0/16' }] },
      ],
    }),
  );
  const run = async (name: string, subnetId: string, groupId: string) =>
    (await ec2.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnetId, SecurityGroupIds: [groupId], TagSpecifications: spec('instance', name) }))).Instances![0]!.InstanceId!;
  const bastion = await run('prod-bastion-1', pub, sgBastion);
  const app = await run('prod-app-1', privA, sgApp);
  await run('prod-app-2', privB, sgApp);
  return { defaultVpc, defaultSubnet, mainTable: mainTable.RouteTableId!, igw, app, bastion, sgApp };
}

const networkSpec = () => ({
  version: 1,
  system: { name: 'network-emulator' },
  attribution: { tagKeys: ['Environment'] },
  environments: {
    production: {
      accounts: [{ id: DEFAULT_ACCOUNT }],
      regions: [REGION],
      requiredResourceTypes: ['AWS::EC2::Instance'],
      network: {
        privateSubnets: ['AWS::EC2::Instance'],
        bastion: { names: ['prod-bastion-*'], sshFrom: ['203.0.113.0/24'] },
        allowedIngress: [{ description: 'VPN', ports: [443], cidrs: ['10.8.0.0/16'] }],
        availabilityZoneCount: { min: 2, byType: { 'AWS::EC2::Instance': 2 } },
      },
    },
  },
});

describe('private subnets and network requirements against moto', () => {
  let moto: Moto;
  let dir: string;
  let ec2: EC2Client;
  let seeded: Seeded;

  async function scan(name: string): Promise<Result[]> {
    const out = join(dir, name);
    await main(['scan', '--spec', join(dir, 'envgate.yaml'), '--endpoint', moto.endpoint, '--out', out, '--format', 'json', '--fail-on', 'none'], { ...process.env, SOURCE_DATE_EPOCH: '1767225600' }, memoryOutput());
    const report = JSON.parse(readFileSync(join(out, 'envgate.json'), 'utf8')) as { results: Result[] };
    return report.results.filter((r) => RULES.includes(r.ruleId));
  }
  // Environment-level results are told apart by their message.
  const summary = (results: Result[]) => results.map((r) => `${r.ruleId} ${r.status} ${r.resource.type === 'envgate::Environment' ? r.message : r.resource.name}`).sort();

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    ec2 = new EC2Client(motoClientConfig(moto, { region: REGION }));
    seeded = await seed(ec2);
    dir = mkdtempSync(join(tmpdir(), 'envgate-private-subnets-'));
    writeFileSync(join(dir, 'envgate.yaml'), stringify(networkSpec()));
    loadSpec(join(dir, 'envgate.yaml'));
    stubFakeAwsEnv(vi.stubEnv, REGION);
  }, 120_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    ec2?.destroy();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a compliant account scans clean: every result a pass, none about the default VPC', async () => {
    const results = await scan('compliant');
    // 'default': the production VPC's default group (it admits only itself).
    expect(summary(results)).toEqual([
      'allowed-ingress pass default',
      'allowed-ingress pass prod-app-sg',
      'allowed-ingress pass prod-bastion-sg',
      'availability-zone-count pass Environment production: AWS::EC2::Instance in 2 availability zones (us-east-1a, us-east-1b), at least 2 required',
      'availability-zone-count pass Environment production: subnets in 2 availability zones (us-east-1a, us-east-1b), at least 2 required',
      'bastion-ssh pass default',
      'bastion-ssh pass prod-app-sg',
      'bastion-ssh pass prod-bastion-sg',
      'private-subnets pass prod-app-1',
      'private-subnets pass prod-app-2',
      'private-subnets pass prod-bastion-1',
      'required-resource-types pass Environment production: 3 AWS::EC2::Instance, at least one required',
    ]);
  }, 120_000);

  it('a production instance in a default subnet fails, naming the subnet, the main table and its route', async () => {
    await ec2.send(new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: seeded.defaultSubnet, TagSpecifications: spec('instance', 'prod-stray') }));
    const fails = (await scan('stray')).filter((r) => r.status !== 'pass');
    expect(fails.map((r) => [r.ruleId, r.status, r.resource.name])).toEqual([['private-subnets', 'fail', 'prod-stray']]);
    expect(fails[0]!.message).toMatch(
      new RegExp(`^AWS::EC2::Instance 'prod-stray': in public subnet ${seeded.defaultSubnet} \\(route table ${seeded.mainTable} routes 0\\.0\\.0\\.0/0 to ${seeded.igw}\\)`),
    );
  }, 120_000);
});
