// Synthetic snapshots for the engine benchmark: four environments in four accounts, a
// realistic mix of types, tags and relations (instances in subnets with volumes and
// security groups, alarms on resources, access logs to buckets), a few planted problems
// (untagged, conflicting names, unencrypted, short retention), and 200 IAM principals.
import type { Principal, Resource, Snapshot } from '../src/model/snapshot.js';
import type { EnvironmentSpec, LoadedSpec, Spec } from '../src/model/spec.js';

export const ENVS = ['development', 'qa', 'staging', 'production'] as const;
const ACCOUNTS = ['100000000001', '100000000002', '100000000003', '100000000004'];
const REGION = 'us-east-1';

function envSpec(i: number): EnvironmentSpec {
  const env = ENVS[i]!;
  return {
    aliases: [env.slice(0, 3)],
    accounts: [{ id: ACCOUNTS[i]! }],
    regions: [REGION],
    attribution: { names: [`${env}-*`], namesByType: {}, vpcs: [], accountWide: false },
    naming: { 'AWS::S3::Bucket': [`${env}-*`], 'AWS::SQS::Queue': [`${env}-*`], 'AWS::EC2::Instance': [`${env}-*`] },
    network: { vpcCidrs: [`10.${i}.0.0/16`], subnetCidrs: [`10.${i}.0.0/16`], availabilityZones: ['us-east-1a', 'us-east-1b'], forbidDefaultVpc: true, restrictedIngressPorts: [22, 3389] },
    encryption: { atRest: ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::Logs::LogGroup', 'AWS::EC2::Volume', 'AWS::RDS::DBInstance', 'AWS::DynamoDB::Table'], customerManagedKey: i === 3 ? ['AWS::RDS::DBInstance'] : [], inTransit: { s3TlsOnly: true, httpsListeners: true } },
    retention: {
      logGroups: [{ class: 'sqs', match: ['/aws/sqs/*'], days: 30, maxDays: 400 }, { class: 'app', match: ['*'], days: 14 }],
      s3Lifecycle: [{ buckets: [`${env}-logs-*`], prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], expirationDays: 365 }],
      backups: [{ type: 'AWS::RDS::DBInstance', days: 7 }, { type: 'AWS::DynamoDB::Table', days: 35 }],
    },
    dataProtection: { versioning: [`${env}-*`], accessLogging: ['AWS::S3::Bucket', 'AWS::ElasticLoadBalancingV2::LoadBalancer'], publicAccessBlock: true, deletionProtection: ['AWS::RDS::DBInstance'], multiAz: i === 3 ? ['AWS::RDS::DBInstance'] : [], pointInTimeRecovery: true },
    monitoring: { alarms: ['AWS::EC2::Instance', 'AWS::RDS::DBInstance', 'AWS::SQS::Queue'], alarmActions: [`arn:aws:sns:*:${ACCOUNTS[i]}:${env}-alerts`] },
    compute: { instanceTypes: ['t3.small', 't3.medium'], dbInstanceClasses: ['db.t3.small'], cacheNodeTypes: ['cache.t3.micro'], instanceCount: { min: 1 }, loadBalancer: 'required' },
    cost: { monthlyCeilingUsd: 1_000_000, source: 'estimate' },
  };
}

export function syntheticSpec(): LoadedSpec {
  const spec: Spec = {
    version: 1,
    system: { name: 'bench' },
    attribution: { tagKeys: ['Environment'] },
    environments: Object.fromEntries(ENVS.map((e, i) => [e, envSpec(i)])),
    shared: [],
    tagging: { required: ['Environment', 'Owner'] },
    teams: { developers: { principals: [{ name: 'dev-*' }] }, ops: { principals: [{ name: 'ops-*' }] } },
    access: {
      levels: { none: { categories: [] }, view: { categories: ['List'] }, read: { categories: ['List', 'Read'] }, deploy: { categories: ['List', 'Read', 'Write'] }, full: { categories: ['List', 'Read', 'Write', 'Tagging', 'Permissions management'] } },
      matrix: { developers: { development: 'full', qa: 'read', staging: 'read', production: 'none' }, ops: { development: 'full', qa: 'full', staging: 'full', production: 'full' } },
    },
    parity: [{ from: 'staging', to: 'production', properties: ['encryption', 'versioning', 'alarms', 'loadBalancer'] }],
  };
  const positions: LoadedSpec['positions'] = {};
  let line = 1;
  const walk = (v: unknown, p: string) => {
    positions[p] = { line: line++, column: 1 };
    if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(spec, '');
  return { spec, file: 'bench.yaml', sha256: '0'.repeat(64), positions };
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = (on: boolean) => ({ enabled: on, algorithm: on ? 'aws:kms' : undefined, customerManagedKey: on });

/** About `n` resources: services of ~20 resources each, spread over the environments. */
export function syntheticSnapshot(n: number): Snapshot {
  const rand = rng(42);
  const resources: Resource[] = [];
  const add = (r: Resource) => void resources.push(r);
  const vpcsPerEnv = Math.max(2, Math.round(n / 20_000));
  const vpcs: string[][] = [];
  const subnets: string[][] = [];
  for (let e = 0; e < 4; e++) {
    const env = ENVS[e]!;
    const acct = ACCOUNTS[e]!;
    vpcs.push([]);
    subnets.push([]);
    for (let v = 0; v < vpcsPerEnv; v++) {
      const vpcId = `vpc-${e}${String(v).padStart(6, '0')}`;
      const arn = `arn:aws:ec2:${REGION}:${acct}:vpc/${vpcId}`;
      vpcs[e]!.push(arn);
      add({ arn, accountId: acct, region: REGION, type: 'AWS::EC2::VPC', name: `${env}-vpc-${v}`, id: vpcId, tags: { Environment: env, Owner: 'net' }, config: { vpcId, cidrBlocks: [`10.${e}.${v % 256}.0/24`], isDefault: false }, relations: [] });
      for (let s = 0; s < 4; s++) {
        const subnetId = `subnet-${e}${v}${s}`;
        const sarn = `arn:aws:ec2:${REGION}:${acct}:subnet/${subnetId}`;
        subnets[e]!.push(sarn);
        add({ arn: sarn, accountId: acct, region: REGION, type: 'AWS::EC2::Subnet', name: `${env}-subnet-${v}-${s}`, id: subnetId, tags: { Environment: env, Owner: 'net' }, config: { subnetId, vpcId, cidrBlock: `10.${e}.${v % 256}.${s * 64}/26`, availabilityZone: s % 2 ? 'us-east-1b' : 'us-east-1a', mapPublicIpOnLaunch: false }, relations: [{ kind: 'vpc', target: arn }] });
      }
    }
  }
  let svc = 0;
  while (resources.length < n) {
    const e = svc % 4;
    const env = ENVS[e]!;
    const acct = ACCOUNTS[e]!;
    const id = String(svc).padStart(7, '0');
    const tagged = rand() > 0.02;
    const tags: Record<string, string> = tagged ? { Environment: env, Owner: `team-${svc % 17}` } : {};
    const name = rand() > 0.01 ? `${env}-svc${id}` : `${ENVS[(e + 1) % 4]}-svc${id}`;
    const vpc = vpcs[e]![svc % vpcsPerEnv]!;
    const subnet = subnets[e]![(svc % vpcsPerEnv) * 4 + (svc % 4)]!;
    const arn = (svcName: string, kind: string, rid: string) => `arn:aws:${svcName}:${REGION}:${acct}:${kind}${rid}`;
    const bucketArn = `arn:aws:s3:::${name}-data`;
    const sgArn = arn('ec2', 'security-group/', `sg-${id}`);
    const ok = () => rand() > 0.05;
    add({ arn: bucketArn, accountId: acct, region: REGION, type: 'AWS::S3::Bucket', name: `${name}-data`, id: `${name}-data`, tags, config: { encryption: enc(ok()), versioning: ok() ? 'Enabled' : 'Suspended', logging: { enabled: ok(), targetBucket: `${env}-logs` }, publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: ok(), restrictPublicBuckets: true }, lifecycle: { rules: [] }, policy: null, tlsOnly: ok() }, relations: [] });
    const queues: string[] = [];
    for (let q = 0; q < 2; q++) {
      const qa = arn('sqs', '', `${name}-q${q}`);
      queues.push(qa);
      add({ arn: qa, accountId: acct, region: REGION, type: 'AWS::SQS::Queue', name: `${name}-q${q}`, id: `${name}-q${q}`, tags, config: { url: `https://sqs/${name}-q${q}`, encryption: enc(ok()) }, relations: [] });
    }
    add({ arn: arn('sns', '', `${name}-topic`), accountId: acct, region: REGION, type: 'AWS::SNS::Topic', name: `${name}-topic`, id: `${name}-topic`, tags, config: { encryption: enc(ok()) }, relations: [] });
    for (let l = 0; l < 4; l++) {
      const lg = l === 0 ? `/aws/sqs/${name}` : `/app/${name}/${l}`;
      add({ arn: arn('logs', 'log-group:', lg), accountId: acct, region: REGION, type: 'AWS::Logs::LogGroup', name: lg, id: lg, tags, config: { retentionDays: ok() ? 30 : rand() > 0.5 ? null : 3, encryption: enc(ok()) }, relations: [] });
    }
    add({ arn: sgArn, accountId: acct, region: REGION, type: 'AWS::EC2::SecurityGroup', name: `${name}-sg`, id: `sg-${id}`, tags, config: { groupId: `sg-${id}`, vpcId: vpc.split('/')[1], ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'], groupIds: [] }, { protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: [ok() ? `10.${e}.0.0/16` : '0.0.0.0/0'], groupIds: [] }], egress: [] }, relations: [{ kind: 'ingress-cidr', target: 'cidr:0.0.0.0/0' }, { kind: 'vpc', target: vpc }] });
    const instances: string[] = [];
    for (let i = 0; i < 2; i++) {
      const iid = `i-${id}${i}`;
      const ia = arn('ec2', 'instance/', iid);
      const va = arn('ec2', 'volume/', `vol-${id}${i}`);
      instances.push(ia);
      add({ arn: ia, accountId: acct, region: REGION, type: 'AWS::EC2::Instance', name: `${name}-app${i}`, id: iid, tags, config: { instanceId: iid, instanceType: ok() ? 't3.medium' : 'm5.xlarge', state: 'running', vpcId: vpc.split('/')[1], subnetId: subnet.split('/')[1], securityGroupIds: [`sg-${id}`], volumeIds: [`vol-${id}${i}`] }, relations: [{ kind: 'security-group', target: sgArn }, { kind: 'subnet', target: subnet }, { kind: 'volume', target: va }, { kind: 'vpc', target: vpc }] });
      add({ arn: va, accountId: acct, region: REGION, type: 'AWS::EC2::Volume', name: `${name}-vol${i}`, id: `vol-${id}${i}`, tags, config: { volumeId: `vol-${id}${i}`, volumeType: 'gp3', sizeGiB: 50, encryption: enc(ok()), availabilityZone: 'us-east-1a', attachedInstanceIds: [iid] }, relations: [] });
    }
    const db = arn('rds', 'db:', `${name}-db`);
    add({ arn: db, accountId: acct, region: REGION, type: 'AWS::RDS::DBInstance', name: `${name}-db`, id: `${name}-db`, tags, config: { engine: 'postgres', instanceClass: ok() ? 'db.t3.small' : 'db.r5.large', multiAz: ok(), encryption: enc(ok()), backupRetentionDays: ok() ? 7 : 1, deletionProtection: ok(), publiclyAccessible: false, subnetIds: [], securityGroupIds: [] }, relations: [{ kind: 'security-group', target: sgArn }, { kind: 'vpc', target: vpc }] });
    add({ arn: arn('dynamodb', 'table/', `${name}-t`), accountId: acct, region: REGION, type: 'AWS::DynamoDB::Table', name: `${name}-t`, id: `${name}-t`, tags, config: { encryption: enc(true), pointInTimeRecovery: ok(), billingMode: 'PAY_PER_REQUEST', deletionProtection: ok() }, relations: [] });
    if (svc % 4 < 4 && svc % 5 === 0) {
      add({ arn: arn('elasticloadbalancing', 'loadbalancer/app/', `${name}-lb`), accountId: acct, region: REGION, type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', name: `${name}-lb`, id: `${name}-lb`, tags, config: { lbType: 'application', scheme: 'internet-facing', subnetIds: [], securityGroupIds: [`sg-${id}`], accessLogging: { enabled: ok(), bucket: `${env}-logs` }, deletionProtection: ok(), listeners: [{ port: 443, protocol: 'HTTPS' }, { port: 80, protocol: 'HTTP', redirectsToHttps: ok() }] }, relations: instances.map((t) => ({ kind: 'load-balancer-target' as const, target: t })).concat([{ kind: 'load-balancer-target' as const, target: sgArn }]).slice(0, 2) });
    }
    for (const target of [instances[0]!, db, queues[0]!]) {
      if (!ok()) continue;
      const an = `${name}-alarm-${target.length % 7}-${target.slice(-6)}`;
      add({ arn: arn('cloudwatch', 'alarm:', an), accountId: acct, region: REGION, type: 'AWS::CloudWatch::Alarm', name: an, id: an, tags, config: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: {}, alarmActions: [`arn:aws:sns:${REGION}:${acct}:${env}-alerts`] }, relations: [{ kind: 'monitors', target }] });
    }
    svc++;
  }
  resources.length = Math.min(resources.length, n);
  resources.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));

  const principals: Principal[] = [];
  for (let p = 0; p < 200; p++) {
    const e = p % 4;
    const team = p % 2 ? 'dev' : 'ops';
    const acct = ACCOUNTS[e]!;
    const name = `${team}-${ENVS[e]}-${p}`;
    principals.push({
      arn: `arn:aws:iam::${acct}:role/${name}`,
      accountId: acct,
      kind: 'role',
      name,
      path: '/',
      tags: { Environment: ENVS[e]! },
      groups: [],
      attachedPolicies: [],
      inlinePolicies: [{ name: 'app', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage'], Resource: [`arn:aws:s3:::${ENVS[e]}-*`, `arn:aws:sqs:${REGION}:${acct}:*`] }, { Effect: 'Allow', Action: 'logs:*', Resource: '*' }] } }],
    });
  }
  principals.sort((a, b) => (a.arn < b.arn ? -1 : 1));
  return {
    schemaVersion: 1,
    metadata: { tool: { name: 'envgate', version: 'bench' }, collectedAt: '2025-01-01T00:00:00Z', accounts: [...ACCOUNTS], regions: [REGION], apiCalls: {}, coverage: [] },
    resources,
    principals,
    policies: [],
    costs: [],
    errors: [],
  };
}
