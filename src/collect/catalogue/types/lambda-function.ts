// Lambda functions: one paged list (it carries runtime, VPC, KMS key and tracing), then
// GetFunctionConcurrency each for the reserved concurrency (not in the list's answer).
// Tags come from the Tagging API.
import type { FunctionConfiguration, GetFunctionConcurrencyCommandOutput, ListFunctionsCommandOutput } from '@aws-sdk/client-lambda';
import { int, nullable, obj, str, strs } from '../../../model/config-schemas.js';
import type { Relation } from '../../../model/snapshot.js';
import type { GenericCollection, ResourceDescriptor } from '../descriptor.js';
import { arnOf, kmsKeyArn } from '../refs.js';

const TYPE = 'AWS::Lambda::Function';
const arnOfName = (name: string, t: { region: string; accountId: string }) => arnOf('lambda', t.region, t.accountId, `function:${name}`);

const collection: GenericCollection<ListFunctionsCommandOutput, FunctionConfiguration> = {
  list: {
    operation: 'ListFunctions',
    request: (marker, page) => ({ MaxItems: page(50), ...(marker ? { Marker: marker } : {}) }),
    next: (p) => p.NextMarker,
    items: (p) => p.Functions ?? [],
  },
  hydrate: [{ operation: 'GetFunctionConcurrency', request: (f) => ({ FunctionName: f.FunctionName }) }],
  arn: (f, t) => f.FunctionArn ?? arnOfName(f.FunctionName ?? '', t),
  toPart: (f, [concurrency], t) => {
    const name = f.FunctionName ?? '';
    const vpc = f.VpcConfig;
    const subnetIds = [...(vpc?.SubnetIds ?? [])].sort();
    const securityGroupIds = [...(vpc?.SecurityGroupIds ?? [])].sort();
    // A function outside a VPC has no VpcConfig, or one with empty lists and VpcId ''.
    const vpcId = subnetIds.length > 0 && vpc?.VpcId ? vpc.VpcId : undefined;
    const key = kmsKeyArn(f.KMSKeyArn, t);
    const relations: Relation[] = [
      ...(vpcId ? [{ kind: 'vpc' as const, target: arnOf('ec2', t.region, t.accountId, `vpc/${vpcId}`) }] : []),
      ...subnetIds.map((id) => ({ kind: 'subnet' as const, target: arnOf('ec2', t.region, t.accountId, `subnet/${id}`) })),
      ...securityGroupIds.map((id) => ({ kind: 'security-group' as const, target: arnOf('ec2', t.region, t.accountId, `security-group/${id}`) })),
      ...(key ? [{ kind: 'kms-key' as const, target: key }] : []),
    ];
    const c = concurrency as GetFunctionConcurrencyCommandOutput | undefined;
    return {
      arn: f.FunctionArn ?? arnOfName(name, t),
      accountId: t.accountId,
      region: t.region,
      type: TYPE,
      id: name,
      name,
      config: {
        // Container-image functions have no runtime.
        packageType: f.PackageType ?? 'Zip',
        ...(f.Runtime ? { runtime: f.Runtime } : {}),
        ...(f.Role ? { roleArn: f.Role } : {}),
        ...(vpcId ? { vpcId } : {}),
        subnetIds,
        securityGroupIds,
        // The key for environment variables; without it Lambda uses the aws/lambda key.
        ...(key ? { kmsKeyArn: key } : {}),
        tracing: f.TracingConfig?.Mode ?? 'PassThrough',
        ...(c ? { reservedConcurrency: c.ReservedConcurrentExecutions ?? null } : {}),
      },
      relations,
    };
  },
};

export const lambdaFunction: ResourceDescriptor = {
  type: TYPE,
  service: 'lambda',
  scope: 'regional',
  configType: TYPE,
  arn: { service: 'lambda', head: 'function', id: (rest) => rest.split(':')[0] ?? rest },
  alarmDimension: { name: 'FunctionName', arn: (v, t) => arnOfName(v, t) },
  relations: ['vpc', 'subnet', 'security-group', 'kms-key'],
  config: obj({
    packageType: str,
    runtime: str,
    roleArn: str,
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    kmsKeyArn: str,
    tracing: str,
    reservedConcurrency: nullable(int),
  }),
  calls: [
    {
      operation: 'ListFunctions',
      per: 'list',
      pageMax: 50,
      feeds: ['packageType', 'runtime', 'roleArn', 'vpcId', 'subnetIds', 'securityGroupIds', 'kmsKeyArn', 'tracing'],
      relations: ['vpc', 'subnet', 'security-group', 'kms-key'],
    },
    { operation: 'GetFunctionConcurrency', per: 'resource', feeds: ['reservedConcurrency'] },
  ],
  collect: { generic: collection },
};
