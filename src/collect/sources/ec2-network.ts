// EC2 network parts that belong to a VPC and take its environment: network interfaces,
// route tables, VPC endpoints, internet gateways and network ACLs, each one paged list
// call. Route tables record their `main` association and network ACLs `isDefault`, so
// the ones AWS creates with every VPC can be told from the team's own.
import {
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import type { Relation } from '../../model/snapshot.js';
import { rel, type Session, type Target } from '../session.js';
import { ec2Arn, ec2Lister, ids, tagMap } from './ec2.js';

export const EC2_NETWORK_TYPES = ['AWS::EC2::InternetGateway', 'AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkInterface', 'AWS::EC2::RouteTable', 'AWS::EC2::VPCEndpoint'];

const sorted = (xs: string[]) => [...new Set(xs)].sort();

export async function collectEc2Network(s: Session, t: Target): Promise<void> {
  const base = { accountId: t.accountId, region: t.region };
  const done: string[] = [];
  const list = ec2Lister(s, t, done);
  const vpc = (id: string | undefined) => rel('vpc', id ? ec2Arn(t, 'vpc', id) : undefined);
  const many = (kind: Relation['kind'], arnKind: string, xs: string[]) => xs.map((x): Relation => ({ kind, target: ec2Arn(t, arnKind, x) }));
  await Promise.all([
    list('AWS::EC2::NetworkInterface', 'DescribeNetworkInterfaces', (c, tk) => c.send(new DescribeNetworkInterfacesCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const n of p.NetworkInterfaces ?? []) {
        if (!n.NetworkInterfaceId) continue;
        const securityGroupIds = sorted(ids(n.Groups, (g) => g.GroupId));
        const instanceId = n.Attachment?.InstanceId;
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'network-interface', n.NetworkInterfaceId),
          type: 'AWS::EC2::NetworkInterface',
          id: n.NetworkInterfaceId,
          tags: tagMap(n.TagSet),
          config: {
            networkInterfaceId: n.NetworkInterfaceId,
            interfaceType: n.InterfaceType ?? 'interface',
            requesterManaged: Boolean(n.RequesterManaged),
            ...(n.RequesterId ? { requesterId: n.RequesterId } : {}),
            ...(n.Description ? { description: n.Description } : {}),
            status: n.Status ?? '',
            vpcId: n.VpcId ?? '',
            subnetId: n.SubnetId ?? '',
            ...(n.AvailabilityZone ? { availabilityZone: n.AvailabilityZone } : {}),
            ...(n.PrivateIpAddress ? { privateIp: n.PrivateIpAddress } : {}),
            ...(n.Association?.PublicIp ? { publicIp: n.Association.PublicIp } : {}),
            securityGroupIds,
            ...(instanceId ? { attachedInstanceId: instanceId } : {}),
          },
          relations: [
            ...vpc(n.VpcId),
            ...rel('subnet', n.SubnetId ? ec2Arn(t, 'subnet', n.SubnetId) : undefined),
            ...many('security-group', 'security-group', securityGroupIds),
            ...rel('attached-to', instanceId ? ec2Arn(t, 'instance', instanceId) : undefined),
          ],
        });
      }
    }),
    list('AWS::EC2::RouteTable', 'DescribeRouteTables', (c, tk) => c.send(new DescribeRouteTablesCommand({ MaxResults: s.page(100), NextToken: tk })), (p) => {
      for (const r of p.RouteTables ?? []) {
        if (!r.RouteTableId) continue;
        const assoc = r.Associations ?? [];
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'route-table', r.RouteTableId),
          type: 'AWS::EC2::RouteTable',
          id: r.RouteTableId,
          tags: tagMap(r.Tags),
          config: {
            routeTableId: r.RouteTableId,
            vpcId: r.VpcId ?? '',
            main: assoc.some((a) => a.Main === true),
            subnetIds: sorted(ids(assoc, (a) => a.SubnetId)),
            gatewayIds: sorted(ids(assoc, (a) => a.GatewayId)),
            routes: (r.Routes ?? [])
              .map((x) => ({
                destination: x.DestinationCidrBlock ?? x.DestinationIpv6CidrBlock ?? x.DestinationPrefixListId ?? '',
                target: x.GatewayId ?? x.NatGatewayId ?? x.TransitGatewayId ?? x.VpcPeeringConnectionId ?? x.NetworkInterfaceId ?? x.InstanceId ?? x.EgressOnlyInternetGatewayId ?? '',
                state: x.State ?? '',
              }))
              .sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0)),
          },
          relations: vpc(r.VpcId),
        });
      }
    }),
    list('AWS::EC2::VPCEndpoint', 'DescribeVpcEndpoints', (c, tk) => c.send(new DescribeVpcEndpointsCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const e of p.VpcEndpoints ?? []) {
        if (!e.VpcEndpointId) continue;
        const subnetIds = sorted(e.SubnetIds ?? []);
        const securityGroupIds = sorted(ids(e.Groups, (g) => g.GroupId));
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'vpc-endpoint', e.VpcEndpointId),
          type: 'AWS::EC2::VPCEndpoint',
          id: e.VpcEndpointId,
          tags: tagMap(e.Tags),
          config: {
            vpcEndpointId: e.VpcEndpointId,
            endpointType: e.VpcEndpointType ?? '',
            serviceName: e.ServiceName ?? '',
            state: e.State ?? '',
            vpcId: e.VpcId ?? '',
            subnetIds,
            securityGroupIds,
            routeTableIds: sorted(e.RouteTableIds ?? []),
            privateDnsEnabled: Boolean(e.PrivateDnsEnabled),
            ...(e.PolicyDocument ? { policy: parsePolicy(e.PolicyDocument) } : {}),
          },
          relations: [...vpc(e.VpcId), ...many('subnet', 'subnet', subnetIds), ...many('security-group', 'security-group', securityGroupIds)],
        });
      }
    }),
    list('AWS::EC2::InternetGateway', 'DescribeInternetGateways', (c, tk) => c.send(new DescribeInternetGatewaysCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const g of p.InternetGateways ?? []) {
        if (!g.InternetGatewayId) continue;
        const vpcIds = sorted(ids(g.Attachments, (a) => a.VpcId));
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'internet-gateway', g.InternetGatewayId),
          type: 'AWS::EC2::InternetGateway',
          id: g.InternetGatewayId,
          tags: tagMap(g.Tags),
          config: { internetGatewayId: g.InternetGatewayId, vpcIds },
          relations: many('vpc', 'vpc', vpcIds),
        });
      }
    }),
    list('AWS::EC2::NetworkAcl', 'DescribeNetworkAcls', (c, tk) => c.send(new DescribeNetworkAclsCommand({ MaxResults: s.page(1000), NextToken: tk })), (p) => {
      for (const a of p.NetworkAcls ?? []) {
        if (!a.NetworkAclId) continue;
        s.upsert({
          ...base,
          arn: ec2Arn(t, 'network-acl', a.NetworkAclId),
          type: 'AWS::EC2::NetworkAcl',
          id: a.NetworkAclId,
          tags: tagMap(a.Tags),
          config: {
            networkAclId: a.NetworkAclId,
            vpcId: a.VpcId ?? '',
            isDefault: Boolean(a.IsDefault),
            subnetIds: sorted(ids(a.Associations, (x) => x.SubnetId)),
            entries: (a.Entries ?? [])
              .map((x) => ({
                ruleNumber: x.RuleNumber ?? 0,
                egress: Boolean(x.Egress),
                protocol: x.Protocol ?? '-1',
                action: x.RuleAction ?? '',
                cidr: x.CidrBlock ?? x.Ipv6CidrBlock ?? '',
                ...(x.PortRange?.From !== undefined ? { fromPort: x.PortRange.From } : {}),
                ...(x.PortRange?.To !== undefined ? { toPort: x.PortRange.To } : {}),
              }))
              .sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber),
          },
          relations: vpc(a.VpcId),
        });
      }
    }),
  ]);
  s.addCoverage(t, 'describe', done);
}

/** Endpoint policies arrive as JSON text; kept as a document, or as the text if it is not JSON. */
function parsePolicy(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
