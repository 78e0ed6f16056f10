// Collection of what containment and use need (network interfaces, route tables, VPC
// endpoints, internet gateways, network ACLs, target groups, EBS and RDS snapshots)
// against moto, and the environments those untagged parts inherit from their tagged
// VPC, instance, load balancer and database; plus a log-target bucket.
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateDBInstanceCommand, CreateDBSnapshotCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, PutBucketAclCommand, PutBucketLoggingCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';
import { loadRules } from '../../src/rules/load.js';
import { loaded } from '../engine/helpers.js';
import { DEFAULT_ACCOUNT, motoClientConfig, startMoto, type Moto } from '../helpers/moto.js';
import { fakeCredentials } from './spec-fixture.js';

const REGION = 'us-east-1';
const prodTags = (type: string) => [{ ResourceType: type as never, Tags: [{ Key: 'env', Value: 'production' }] }];

function spec(): Spec {
  return {
    version: 1,
    system: { name: 'inherit-test' },
    attribution: { tagKeys: ['env'] },
    environments: {
      production: {
        aliases: [],
        accounts: [{ id: DEFAULT_ACCOUNT }],
        regions: [REGION],
        attribution: { names: [], namesByType: {}, vpcs: [], accountWide: false },
        naming: {},
        dataProtection: { versioning: [], accessLogging: ['AWS::S3::Bucket'], deletionProtection: [], multiAz: [], publicAccessBlock: false, pointInTimeRecovery: false },
      },
    },
    shared: [],
    tagging: { required: [] },
    teams: {},
    access: { levels: {} as Spec['access']['levels'], matrix: {} },
    parity: [],
  };
}

describe('collecting what inheritance needs, against moto', () => {
  let moto: Moto;
  let snap: Snapshot;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    const cfg = motoClientConfig(moto, { region: REGION });
    const ec2 = new EC2Client(cfg);
    const elb = new ElasticLoadBalancingV2Client(cfg);
    const rds = new RDSClient(cfg);
    const s3 = new S3Client(cfg);
    const cw = new CloudWatchClient(cfg);

    ids.vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16', TagSpecifications: prodTags('vpc') }))).Vpc!.VpcId!;
    const subnets: string[] = [];
    for (const [i, az] of ['a', 'b'].entries()) {
      subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: ids.vpc, CidrBlock: `10.30.${i}.0/24`, AvailabilityZone: `${REGION}${az}` }))).Subnet!.SubnetId!);
    }
    ids.subnet = subnets[0]!;
    ids.sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'inherit-web', Description: 'web', VpcId: ids.vpc }))).GroupId!;
    ids.eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: ids.subnet, Groups: [ids.sg] }))).NetworkInterface!.NetworkInterfaceId!;
    ids.rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: ids.vpc }))).RouteTable!.RouteTableId!;
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: ids.rtb, SubnetId: ids.subnet }));
    ids.igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: ids.igw, VpcId: ids.vpc }));
    ids.acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: ids.vpc }))).NetworkAcl!.NetworkAclId!;
    ids.vpce = (await ec2.send(new CreateVpcEndpointCommand({ VpcId: ids.vpc, ServiceName: `com.amazonaws.${REGION}.s3`, VpcEndpointType: 'Gateway', RouteTableIds: [ids.rtb] }))).VpcEndpoint!.VpcEndpointId!;

    const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: ids.subnet, SecurityGroupIds: [ids.sg], TagSpecifications: prodTags('instance') }));
    ids.instance = run.Instances![0]!.InstanceId!;
    const desc = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [ids.instance] }));
    ids.rootVolume = desc.Reservations![0]!.Instances![0]!.BlockDeviceMappings![0]!.Ebs!.VolumeId!;
    const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: ids.rootVolume, Description: 'nightly' }));
    ids.snapshot = snapshot.SnapshotId!;

    for (const b of ['inherit-logs', 'inherit-data', 'inherit-lonely']) {
      await s3.send(new CreateBucketCommand({ Bucket: b }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: b, Tagging: { TagSet: [{ Key: 'env', Value: 'production' }] } }));
    }
    const logDelivery = 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"';
    await s3.send(new PutBucketAclCommand({ Bucket: 'inherit-logs', GrantWrite: logDelivery, GrantReadACP: logDelivery }));
    await s3.send(new PutBucketLoggingCommand({ Bucket: 'inherit-data', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'inherit-logs', TargetPrefix: 'data/' } } }));

    const lb = await elb.send(new CreateLoadBalancerCommand({ Name: 'inherit-alb', Subnets: subnets, SecurityGroups: [ids.sg], Type: 'application', Tags: [{ Key: 'env', Value: 'production' }] }));
    ids.lb = lb.LoadBalancers![0]!.LoadBalancerArn!;
    await elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: ids.lb, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: 'inherit-logs' }] }));
    const tg = await elb.send(new CreateTargetGroupCommand({ Name: 'inherit-web', Protocol: 'HTTP', Port: 80, VpcId: ids.vpc, TargetType: 'instance' }));
    ids.tg = tg.TargetGroups![0]!.TargetGroupArn!;
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: ids.tg, Targets: [{ Id: ids.instance, Port: 8080 }] }));
    await elb.send(new CreateListenerCommand({ LoadBalancerArn: ids.lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: ids.tg }] }));
    const tgDim = ids.tg.split(':').pop()!;
    await cw.send(new PutMetricAlarmCommand({ AlarmName: 'inherit-5xx', Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', Dimensions: [{ Name: 'TargetGroup', Value: tgDim }] }));

    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'inherit-db', Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'u', MasterUserPassword: 'password1234', StorageEncrypted: true, Tags: [{ Key: 'env', Value: 'production' }] }));
    await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'inherit-db', DBSnapshotIdentifier: 'inherit-db-manual' }));

    snap = await collect(spec(), { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials, pageCap: 5 });
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const byId = (type: string, id: string): Resource => {
    const r = snap.resources.find((x) => x.type === type && (x.id === id || x.arn === id));
    expect(r, `${type} ${id}`).toBeDefined();
    return r!;
  };

  it('collects every new type with its configuration and relations, without errors', () => {
    expect(snap.errors).toEqual([]);
    const vpcArn = `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:vpc/${ids.vpc}`;
    const eni = byId('AWS::EC2::NetworkInterface', ids.eni!);
    expect(eni.config).toMatchObject({ networkInterfaceId: ids.eni, vpcId: ids.vpc, subnetId: ids.subnet, securityGroupIds: [ids.sg], requesterManaged: false });
    expect(eni.relations).toEqual(expect.arrayContaining([{ kind: 'vpc', target: vpcArn }, { kind: 'subnet', target: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:subnet/${ids.subnet}` }]));
    const primary = snap.resources.find((x) => x.type === 'AWS::EC2::NetworkInterface' && x.config.attachedInstanceId === ids.instance);
    expect(primary?.relations).toContainEqual({ kind: 'attached-to', target: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:instance/${ids.instance}` });

    const rtb = byId('AWS::EC2::RouteTable', ids.rtb!);
    expect(rtb.config).toMatchObject({ vpcId: ids.vpc, main: false, subnetIds: [ids.subnet] });
    const mains = snap.resources.filter((x) => x.type === 'AWS::EC2::RouteTable' && x.config.vpcId === ids.vpc && x.config.main === true);
    expect(mains).toHaveLength(1);

    expect(byId('AWS::EC2::InternetGateway', ids.igw!).config).toEqual({ internetGatewayId: ids.igw, vpcIds: [ids.vpc] });
    expect(byId('AWS::EC2::InternetGateway', ids.igw!).relations).toEqual([{ kind: 'vpc', target: vpcArn }]);
    expect(byId('AWS::EC2::NetworkAcl', ids.acl!).config).toMatchObject({ vpcId: ids.vpc, isDefault: false });
    const defaults = snap.resources.filter((x) => x.type === 'AWS::EC2::NetworkAcl' && x.config.vpcId === ids.vpc && x.config.isDefault === true);
    expect(defaults).toHaveLength(1);
    expect(byId('AWS::EC2::VPCEndpoint', ids.vpce!).config).toMatchObject({ endpointType: 'Gateway', serviceName: `com.amazonaws.${REGION}.s3`, vpcId: ids.vpc, routeTableIds: [ids.rtb] });

    const ebs = byId('AWS::EC2::Snapshot', ids.snapshot!);
    expect(ebs.arn).toBe(`arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:snapshot/${ids.snapshot}`);
    expect(ebs.config).toMatchObject({ snapshotId: ids.snapshot, volumeId: ids.rootVolume, encryption: { enabled: false } });
    expect(typeof ebs.config.startTime).toBe('string');
    expect(typeof ebs.config.sizeGiB).toBe('number');
    expect(ebs.relations).toContainEqual({ kind: 'snapshot-of', target: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:volume/${ids.rootVolume}` });

    const tg = byId('AWS::ElasticLoadBalancingV2::TargetGroup', ids.tg!);
    expect(tg.name).toBe('inherit-web');
    expect(tg.config).toMatchObject({ targetType: 'instance', protocol: 'HTTP', port: 80, vpcId: ids.vpc, loadBalancerArns: [ids.lb], targets: [{ id: ids.instance, port: 8080 }] });
    expect(tg.relations).toEqual(
      expect.arrayContaining([
        { kind: 'load-balancer', target: ids.lb },
        { kind: 'load-balancer-target', target: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:instance/${ids.instance}` },
      ]),
    );
    expect(byId('AWS::CloudWatch::Alarm', 'inherit-5xx').relations).toContainEqual({ kind: 'monitors', target: ids.tg });

    const dbSnap = byId('AWS::RDS::DBSnapshot', 'inherit-db-manual');
    expect(dbSnap.arn).toBe(`arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:snapshot:inherit-db-manual`);
    expect(dbSnap.config).toMatchObject({ snapshotType: 'manual', engine: 'postgres', dbInstanceId: 'inherit-db', encryption: { enabled: true } });
    expect(dbSnap.relations).toContainEqual({ kind: 'snapshot-of', target: `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:db:inherit-db` });
    for (const op of ['DescribeNetworkInterfaces', 'DescribeRouteTables', 'DescribeVpcEndpoints', 'DescribeInternetGateways', 'DescribeNetworkAcls', 'DescribeSnapshots']) {
      expect(snap.metadata.apiCalls[`ec2:${op}`], op).toBeGreaterThan(0);
    }
  });

  it('gives the untagged parts the environment of what contains, watches or uses them', () => {
    const ev = evaluate({ spec: loaded(spec()), snapshot: snap, rules: loadRules().filter((r) => r.meta.id.startsWith('attribution-')), now: new Date(Date.UTC(2026, 0, 15)) });
    const env = (type: string, id: string) => ev.attribution[byId(type, id).arn];
    expect(env('AWS::EC2::Subnet', ids.subnet!)).toBe('production');
    expect(env('AWS::EC2::SecurityGroup', ids.sg!)).toBe('production');
    expect(env('AWS::EC2::NetworkInterface', ids.eni!)).toBe('production');
    expect(env('AWS::EC2::RouteTable', ids.rtb!)).toBe('production');
    expect(env('AWS::EC2::InternetGateway', ids.igw!)).toBe('production');
    expect(env('AWS::EC2::NetworkAcl', ids.acl!)).toBe('production');
    expect(env('AWS::EC2::VPCEndpoint', ids.vpce!)).toBe('production');
    expect(env('AWS::EC2::Volume', ids.rootVolume!)).toBe('production');
    expect(env('AWS::EC2::Snapshot', ids.snapshot!)).toBe('production');
    expect(env('AWS::ElasticLoadBalancingV2::TargetGroup', ids.tg!)).toBe('production');
    expect(env('AWS::CloudWatch::Alarm', 'inherit-5xx')).toBe('production');
    expect(env('AWS::RDS::DBSnapshot', 'inherit-db-manual')).toBe('production');
    const pass = ev.results.find((r) => r.ruleId === 'attribution-conflict' && r.resource.name === 'inherit-db-manual');
    expect(pass?.evidence.observed).toEqual([{ signal: 'relation', environment: 'production', detail: 'snapshot of inherit-db', parent: `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:db:inherit-db` }]);
  });

  it('passes a log-target bucket without logging of its own, naming what logs into it', () => {
    const ev = evaluate({ spec: loaded(spec()), snapshot: snap, rules: loadRules().filter((r) => r.meta.id === 's3-access-logging'), now: new Date(Date.UTC(2026, 0, 15)) });
    const of = (name: string) => ev.results.find((r) => r.resource.name === name)!;
    expect(of('inherit-logs').status).toBe('pass');
    expect(JSON.stringify(of('inherit-logs').evidence)).toContain('arn:aws:s3:::inherit-data');
    expect(JSON.stringify(of('inherit-logs').evidence)).toContain(ids.lb);
    expect(of('inherit-data').status).toBe('pass');
    expect(of('inherit-lonely').status).toBe('fail');
  });
});
