// EC2 network and compute: VPCs, subnets, security groups (with rules), instances,
// volumes, the account's own EBS snapshots and NAT gateways, each one paged list call
// (1000 a page) carrying tags too. Network furniture is in ec2-network.ts.
import {
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type IpPermission,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { SecurityGroupRule } from '../../model/resource-config.js';
import type { Relation } from '../../model/snapshot.js';
import { arnOf } from '../arn.js';
import { rel, type Session, type Target } from '../session.js';
import { kmsEncryption } from '../catalogue/refs.js';

export const EC2_TYPES = ['AWS::EC2::Instance', 'AWS::EC2::NatGateway', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Snapshot', 'AWS::EC2::Subnet', 'AWS::EC2::VPC', 'AWS::EC2::Volume'];

/**
 * moto (the emulator the tests use) ignores OwnerIds and lists the snapshots behind its
 * bundled public AMIs as the account's own, with this description; AWS never writes it.
 */
const EMULATOR_AMI_SNAPSHOT = /^Auto-created snapshot for AMI ami-/;

/** The volume id AWS gives snapshots copied from another snapshot: no volume to point at. */
const COPIED_SNAPSHOT_VOLUME = 'vol-ffffffff';

export const tagMap = (tags: Tag[] | undefined) => Object.fromEntries((tags ?? []).filter((x) => x.Key).map((x) => [x.Key!, x.Value ?? '']));
export const ec2Arn = (t: Target, kind: string, id: string) => arnOf('ec2', t.region, t.accountId, `${kind}/${id}`);
export const ids = <T>(list: T[] | undefined, f: (x: T) => string | undefined) => (list ?? []).flatMap((x) => (f(x) ? [f(x)!] : []));
const next = (p: { NextToken?: string }) => p.NextToken;

type Lister = <P extends { NextToken?: string }>(type: string, op: string, page: (c: EC2Client, token: string | undefined) => Promise<P>, onPage: (p: P) => void) => Promise<void>;

/** A paged EC2 list call for one type; the types whose listing completed land in `done`. */
export function ec2Lister(s: Session, t: Target, done: string[]): Lister {
  return async (type, op, page, onPage) => {
    if (!s.wantsType(type)) return;
    const ok = await s.paginate(t, 'ec2', op, [type], page, next, onPage);
    if (ok) done.push(type);
  };
}

export async function collectEc2(s: Session, t: Target): Promise<void> {
  const base = { accountId: t.accountId, region: t.region };
  const done: string[] = [];
  const list = ec2Lister(s, t, done);
  const vpcOf = (vpcId: string | undefined) => rel('vpc', vpcId ? ec2Arn(t, 'vpc', vpcId) : undefined);
  await Promise.all([
    list('AWS::EC2::VPC', 'DescribeVpcs', (c, tk) => c.send(new DescribeVpcsCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const v of p.Vpcs ?? []) {
        if (!v.VpcId) continue;
        const cidrBlocks = ids(v.CidrBlockAssociationSet, (a) => a.CidrBlock);
        if (cidrBlocks.length === 0 && v.CidrBlock) cidrBlocks.push(v.CidrBlock);
        s.upsert({ ...base, arn: ec2Arn(t, 'vpc', v.VpcId), type: 'AWS::EC2::VPC', id: v.VpcId, tags: tagMap(v.Tags), config: { vpcId: v.VpcId, cidrBlocks, isDefault: Boolean(v.IsDefault) } });
      }
    }),
    list('AWS::EC2::Subnet', 'DescribeSubnets', (c, tk) => c.send(new DescribeSubnetsCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const n of p.Subnets ?? []) {
        if (!n.SubnetId) continue;
        s.upsert({
          ...base,
          arn: n.SubnetArn ?? ec2Arn(t, 'subnet', n.SubnetId),
          type: 'AWS::EC2::Subnet',
          id: n.SubnetId,
          tags: tagMap(n.Tags),
          config: { subnetId: n.SubnetId, vpcId: n.VpcId ?? '', cidrBlock: n.CidrBlock ?? '', availabilityZone: n.AvailabilityZone ?? '', mapPublicIpOnLaunch: Boolean(n.MapPublicIpOnLaunch), defaultForAz: Boolean(n.DefaultForAz) },
          relations: vpcOf(n.VpcId),
        });
      }
    }),
    list('AWS::EC2::SecurityGroup', 'DescribeSecurityGroups', (c, tk) => c.send(new DescribeSecurityGroupsCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const g of p.SecurityGroups ?? []) {
        if (!g.GroupId) continue;
        const ingress = rules(g.IpPermissions);
        const relations: Relation[] = [...vpcOf(g.VpcId)];
        for (const r of ingress) {
          for (const cidr of r.cidrs) relations.push({ kind: 'ingress-cidr', target: `cidr:${cidr}` });
          for (const id of r.groupIds) relations.push({ kind: 'ingress-security-group', target: ec2Arn(t, 'security-group', id) });
        }
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'security-group', g.GroupId),
          type: 'AWS::EC2::SecurityGroup',
          id: g.GroupId,
          name: g.GroupName ?? g.GroupId,
          tags: tagMap(g.Tags),
          config: { groupId: g.GroupId, groupName: g.GroupName ?? '', vpcId: g.VpcId ?? '', ingress, egress: rules(g.IpPermissionsEgress) },
          relations,
        });
      }
    }),
    list('AWS::EC2::Instance', 'DescribeInstances', (c, tk) => c.send(new DescribeInstancesCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const i of (p.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
        if (!i.InstanceId) continue;
        const securityGroupIds = ids(i.SecurityGroups, (g) => g.GroupId).sort();
        const volumeIds = ids(i.BlockDeviceMappings, (b) => b.Ebs?.VolumeId).sort();
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'instance', i.InstanceId),
          type: 'AWS::EC2::Instance',
          id: i.InstanceId,
          tags: tagMap(i.Tags),
          config: {
            instanceId: i.InstanceId,
            instanceType: i.InstanceType ?? '',
            state: i.State?.Name ?? '',
            ...(i.VpcId ? { vpcId: i.VpcId } : {}),
            ...(i.SubnetId ? { subnetId: i.SubnetId } : {}),
            ...(i.Placement?.AvailabilityZone ? { availabilityZone: i.Placement.AvailabilityZone } : {}),
            securityGroupIds,
            volumeIds,
            ...(i.IamInstanceProfile?.Arn ? { iamInstanceProfileArn: i.IamInstanceProfile.Arn } : {}),
            ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}),
            // InstanceLifecycle is absent for on-demand instances.
            purchaseOption: i.InstanceLifecycle ?? 'on-demand',
          },
          relations: [
            ...vpcOf(i.VpcId),
            ...rel('subnet', i.SubnetId ? ec2Arn(t, 'subnet', i.SubnetId) : undefined),
            ...securityGroupIds.map((g): Relation => ({ kind: 'security-group', target: ec2Arn(t, 'security-group', g) })),
            ...volumeIds.map((v): Relation => ({ kind: 'volume', target: ec2Arn(t, 'volume', v) })),
          ],
        });
      }
    }),
    list('AWS::EC2::Volume', 'DescribeVolumes', (c, tk) => c.send(new DescribeVolumesCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const v of p.Volumes ?? []) {
        if (!v.VolumeId) continue;
        const encryption = v.Encrypted ? kmsEncryption(v.KmsKeyId, t, 'aws:kms') : { enabled: false };
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'volume', v.VolumeId),
          type: 'AWS::EC2::Volume',
          id: v.VolumeId,
          tags: tagMap(v.Tags),
          config: {
            volumeId: v.VolumeId,
            volumeType: v.VolumeType ?? '',
            sizeGiB: v.Size ?? 0,
            ...(v.Iops !== undefined ? { iops: v.Iops } : {}),
            ...(v.Throughput !== undefined ? { throughput: v.Throughput } : {}),
            encryption,
            availabilityZone: v.AvailabilityZone ?? '',
            attachedInstanceIds: ids(v.Attachments, (a) => a.InstanceId).sort(),
          },
          relations: rel('kms-key', 'kmsKeyArn' in encryption ? encryption.kmsKeyArn : undefined),
        });
      }
    }),
    // OwnerIds self: without it the call lists every public snapshot in the region too.
    list('AWS::EC2::Snapshot', 'DescribeSnapshots', (c, tk) => c.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const sn of p.Snapshots ?? []) {
        if (!sn.SnapshotId || (sn.OwnerId !== undefined && sn.OwnerId !== t.accountId) || EMULATOR_AMI_SNAPSHOT.test(sn.Description ?? '')) continue;
        const encryption = sn.Encrypted ? kmsEncryption(sn.KmsKeyId, t, 'aws:kms') : { enabled: false };
        const volumeId = sn.VolumeId && sn.VolumeId !== COPIED_SNAPSHOT_VOLUME ? sn.VolumeId : undefined;
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'snapshot', sn.SnapshotId),
          type: 'AWS::EC2::Snapshot',
          id: sn.SnapshotId,
          tags: tagMap(sn.Tags),
          config: {
            snapshotId: sn.SnapshotId,
            ...(volumeId ? { volumeId } : {}),
            sizeGiB: sn.VolumeSize ?? 0,
            encryption,
            state: sn.State ?? '',
            ...(sn.StartTime ? { startTime: new Date(sn.StartTime).toISOString() } : {}),
            ...(sn.StorageTier ? { storageTier: sn.StorageTier } : {}),
          },
          relations: [...rel('snapshot-of', volumeId ? ec2Arn(t, 'volume', volumeId) : undefined), ...rel('kms-key', 'kmsKeyArn' in encryption ? encryption.kmsKeyArn : undefined)],
        });
      }
    }),
    list('AWS::EC2::NatGateway', 'DescribeNatGateways', (c, tk) => c.send(new DescribeNatGatewaysCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const n of p.NatGateways ?? []) {
        if (!n.NatGatewayId) continue;
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'natgateway', n.NatGatewayId),
          type: 'AWS::EC2::NatGateway',
          id: n.NatGatewayId,
          tags: tagMap(n.Tags),
          config: { vpcId: n.VpcId ?? '', subnetId: n.SubnetId ?? '', state: n.State ?? '' },
          relations: [...vpcOf(n.VpcId), ...rel('subnet', n.SubnetId ? ec2Arn(t, 'subnet', n.SubnetId) : undefined)],
        });
      }
    }),
  ]);
  s.addCoverage(t, 'describe', done);
}

function rules(perms: IpPermission[] | undefined): SecurityGroupRule[] {
  return (perms ?? []).map((p) => ({
    protocol: p.IpProtocol ?? '-1',
    ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
    cidrs: [...ids(p.IpRanges, (r) => r.CidrIp), ...ids(p.Ipv6Ranges, (r) => r.CidrIpv6)].sort(),
    groupIds: ids(p.UserIdGroupPairs, (g) => g.GroupId).sort(),
  }));
}
