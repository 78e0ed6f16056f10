// EKS clusters: one paged list of names, then DescribeCluster each (endpoint access,
// control-plane logging, secrets encryption, VPC placement, tags).
import type { Cluster, DescribeClusterCommandOutput, ListClustersCommandOutput } from '@aws-sdk/client-eks';
import { bool, obj, str, strs } from '../../../model/config-schemas.js';
import type { Relation } from '../../../model/snapshot.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsKeyArn, type Place } from '../refs.js';

const TYPE = 'AWS::EKS::Cluster';
const arnOfName = (name: string, t: Place) => arnOf('eks', t.region, t.accountId, `cluster/${name}`);

/** The log types whose `enabled` entry is true (api, audit, authenticator, controllerManager, scheduler). */
const enabledLogTypes = (c: Cluster) => [...new Set((c.logging?.clusterLogging ?? []).filter((l) => l.enabled).flatMap((l) => l.types ?? []))].sort();

function clusterConfig(c: Cluster, t: Place): { config: Record<string, unknown>; relations: Relation[] } {
  const vpc = c.resourcesVpcConfig;
  const subnetIds = [...(vpc?.subnetIds ?? [])].sort();
  const groupIds = [...new Set([...(vpc?.securityGroupIds ?? []), ...(vpc?.clusterSecurityGroupId ? [vpc.clusterSecurityGroupId] : [])])].sort();
  const secrets = (c.encryptionConfig ?? []).find((e) => e.resources?.includes('secrets'));
  const key = kmsKeyArn(secrets?.provider?.keyArn, t);
  const config: Record<string, unknown> = {
    ...(c.version ? { version: c.version } : {}),
    ...(c.status ? { status: c.status } : {}),
    // AWS's defaults when the request named neither: public on, private off.
    endpointPublicAccess: vpc?.endpointPublicAccess ?? true,
    endpointPrivateAccess: vpc?.endpointPrivateAccess ?? false,
    publicAccessCidrs: [...(vpc?.publicAccessCidrs ?? [])].sort(),
    ...(vpc?.vpcId ? { vpcId: vpc.vpcId } : {}),
    subnetIds,
    securityGroupIds: groupIds,
    controlPlaneLogTypes: enabledLogTypes(c),
    secretsEncryption: Boolean(secrets),
    ...(key ? { secretsKmsKeyArn: key } : {}),
  };
  const relations: Relation[] = [
    ...(vpc?.vpcId ? [{ kind: 'vpc' as const, target: arnOf('ec2', t.region, t.accountId, `vpc/${vpc.vpcId}`) }] : []),
    ...subnetIds.map((id) => ({ kind: 'subnet' as const, target: arnOf('ec2', t.region, t.accountId, `subnet/${id}`) })),
    ...groupIds.map((id) => ({ kind: 'security-group' as const, target: arnOf('ec2', t.region, t.accountId, `security-group/${id}`) })),
    ...(key ? [{ kind: 'kms-key' as const, target: key }] : []),
  ];
  return { config, relations };
}

const collection: GenericCollection<ListClustersCommandOutput, string> = {
  list: {
    operation: 'ListClusters',
    request: (token, page) => ({ maxResults: page(100), ...(token ? { nextToken: token } : {}) }),
    next: (p) => p.nextToken,
    items: (p) => p.clusters ?? [],
  },
  hydrate: [{ operation: 'DescribeCluster', request: (name) => ({ name }) }],
  arn: (name, t) => arnOfName(name, t),
  toPart: (name, [answer], t) => {
    const c = (answer as DescribeClusterCommandOutput | undefined)?.cluster;
    const base = { arn: c?.arn ?? arnOfName(name, t), accountId: t.accountId, region: t.region, type: TYPE, id: name, name };
    if (!c) return base;
    return { ...base, ...(c.tags ? { tags: { ...c.tags } } : {}), ...clusterConfig(c, t) };
  },
};

export const eksCluster: ResourceDescriptor = {
  type: TYPE,
  service: 'eks',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'eks', head: 'cluster' },
  relations: ['vpc', 'subnet', 'security-group', 'kms-key'],
  config: obj({
    version: str,
    status: str,
    endpointPublicAccess: bool,
    endpointPrivateAccess: bool,
    publicAccessCidrs: strs,
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    controlPlaneLogTypes: strs,
    secretsEncryption: bool,
    secretsKmsKeyArn: str,
  }),
  calls: [
    { operation: 'ListClusters', per: 'list', pageMax: 100, feeds: [] },
    {
      operation: 'DescribeCluster',
      per: 'resource',
      feeds: ['version', 'status', 'endpointPublicAccess', 'endpointPrivateAccess', 'publicAccessCidrs', 'vpcId', 'subnetIds', 'securityGroupIds', 'controlPlaneLogTypes', 'secretsEncryption', 'secretsKmsKeyArn'],
      relations: ['vpc', 'subnet', 'security-group', 'kms-key'],
    },
  ],
  collect: { generic: collection },
};
