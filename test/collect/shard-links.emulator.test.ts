// Relations whose two ends land in different shards of an inventory (src/collect/links.ts),
// against moto: production's instance in us-east-1 runs as a role whose instance profile
// IAM (global: the eu-west-1 home-region shard) holds; its Route 53 alias (global) names
// the us-east-1 load balancer; staging's queue is encrypted with production's customer
// managed key (another account, so another shard). Each shard alone cannot see the other
// end; the merge (`envgate merge`, streamed), the worker threads' merge (in memory) and
// `scan --shards` must give what one unsharded inventory gives. CloudFront origins cross
// shards the same way but moto's ListDistributions leaves out the origins, so that link is
// tested on the API's shape in test/collect/links.test.ts.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { motoClientConfig, startMoto, stubFakeAwsEnv, withAccount, type Moto } from '../helpers/moto.js';
import { PROD, STAGING, twoAccountSpec } from './spec-fixture.js';

const ENV = { SOURCE_DATE_EPOCH: '1767225600' };
const SHARDS = [`${PROD}/eu-west-1`, `${PROD}/us-east-1`, `${STAGING}/eu-west-1`, `${STAGING}/us-east-1`];

describe('relations across the shards of an inventory', () => {
  let moto: Moto;
  let dir: string;
  let specFile: string;
  const ids = { instance: '', lbArn: '', lbDns: '', keyArn: '', profileArn: '', zone: '' };
  const run = async (argv: string[]) => {
    const output = memoryOutput();
    const code = await main(argv, { ...process.env, ...ENV }, output);
    return { code, output };
  };
  const inventory = (out: string, ...extra: string[]) => run(['inventory', '--spec', specFile, '--out', out, '--endpoint', moto.endpoint, ...extra]);
  const shardFile = (shard: string) => join(dir, `shard-${shard.replace('/', '-')}.json`);
  const find = (s: Snapshot, arn: string): Resource => {
    const r = s.resources.find((x) => x.arn === arn);
    if (!r) throw new Error(`no ${arn}`);
    return r;
  };
  const instanceArn = () => `arn:aws:ec2:us-east-1:${PROD}:instance/${ids.instance}`;
  const recordArn = () => `arn:aws:route53:::recordset/${ids.zone}/api.production.example.com/A`;
  const queueArn = `arn:aws:sqs:us-east-1:${STAGING}:staging-orders`;
  const roleArn = `arn:aws:iam::${PROD}:role/production-web`;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    const prod = motoClientConfig(moto, { region: 'us-east-1' });
    const tags = [{ Key: 'env', Value: 'production' }];
    const iam = withAccount(new IAMClient(prod), PROD);
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    await iam.send(new CreateRoleCommand({ RoleName: 'production-web', AssumeRolePolicyDocument: JSON.stringify(trust), Tags: tags }));
    const profile = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'production-web' }));
    ids.profileArn = profile.InstanceProfile!.Arn!;
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'production-web', RoleName: 'production-web' }));
    const ec2 = withAccount(new EC2Client(prod), PROD);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: tags }] }))).Vpc!.VpcId!;
    const subnets: string[] = [];
    for (const [i, az] of ['us-east-1a', 'us-east-1b'].entries()) subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.30.${i}.0/24`, AvailabilityZone: az }))).Subnet!.SubnetId!);
    const started = await ec2.send(
      new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnets[0], IamInstanceProfile: { Arn: ids.profileArn }, TagSpecifications: [{ ResourceType: 'instance', Tags: tags }] }),
    );
    ids.instance = started.Instances![0]!.InstanceId!;
    const lb = (await withAccount(new ElasticLoadBalancingV2Client(prod), PROD).send(new CreateLoadBalancerCommand({ Name: 'production-web', Subnets: subnets, Tags: tags }))).LoadBalancers![0]!;
    ids.lbArn = lb.LoadBalancerArn!;
    ids.lbDns = lb.DNSName!;
    const r53 = withAccount(new Route53Client(prod), PROD);
    ids.zone = (await r53.send(new CreateHostedZoneCommand({ Name: 'production.example.com', CallerReference: 'links' }))).HostedZone!.Id!.replace('/hostedzone/', '');
    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: ids.zone,
        ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'api.production.example.com', Type: 'A', AliasTarget: { DNSName: `dualstack.${ids.lbDns}`, HostedZoneId: 'Z35SXDOTRQ7X7K', EvaluateTargetHealth: false } } }] },
      }),
    );
    ids.keyArn = (await withAccount(new KMSClient(prod), PROD).send(new CreateKeyCommand({ Description: 'production data', Tags: [{ TagKey: 'env', TagValue: 'production' }] }))).KeyMetadata!.Arn!;
    const sqs = withAccount(new SQSClient(prod), STAGING);
    await sqs.send(new CreateQueueCommand({ QueueName: 'staging-orders', Attributes: { KmsMasterKeyId: ids.keyArn }, tags: { env: 'staging' } }));

    dir = mkdtempSync(join(tmpdir(), 'envgate-links-'));
    specFile = join(dir, 'envgate.yaml');
    const spec = twoAccountSpec();
    // Staging's queues must use a customer-managed key: a check of the key's owner, in another shard.
    spec.environments.staging!.encryption = { atRest: ['AWS::SQS::Queue'], customerManagedKey: ['AWS::SQS::Queue'], inTransit: { s3TlsOnly: false, httpsListeners: false } };
    writeFileSync(specFile, stringify(spec));
    stubFakeAwsEnv(vi.stubEnv, 'us-east-1');
    expect((await inventory(join(dir, 'whole.json'), '--workers', '1')).code).toBe(EXIT.ok);
    for (const shard of SHARDS) {
      const [account, region] = shard.split('/') as [string, string];
      expect((await inventory(shardFile(shard), '--account', account, '--region', region)).code).toBe(EXIT.ok);
    }
  }, 240_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('one inventory links the instance to its role, the alias to the load balancer and the queue to its key owner', () => {
    const whole = readSnapshot(join(dir, 'whole.json'));
    expect(find(whole, instanceArn()).relations.filter((x) => x.kind === 'instance-profile-role')).toEqual([{ kind: 'instance-profile-role', target: roleArn }]);
    expect(find(whole, recordArn()).relations).toEqual([{ kind: 'alias-target', target: ids.lbArn }]);
    const queue = find(whole, queueArn);
    expect(queue.config.encryption).toEqual({ algorithm: 'aws:kms', enabled: true, kmsKeyArn: ids.keyArn, customerManagedKey: true });
    expect(whole.principals.find((p) => p.arn === roleArn)!.instanceProfiles).toEqual([ids.profileArn]);
  });

  it('no shard alone holds both ends', () => {
    const [prodHome, prodEast, , stagingEast] = SHARDS.map((s) => readSnapshot(shardFile(s)));
    expect(find(prodEast!, instanceArn()).relations.filter((x) => x.kind === 'instance-profile-role')).toEqual([]);
    expect(find(prodHome!, recordArn()).relations).toEqual([]);
    expect(find(stagingEast!, queueArn).config.encryption).toEqual({ algorithm: 'aws:kms', enabled: true, kmsKeyArn: ids.keyArn });
  });

  it('envgate merge of the four shards gives the unsharded resources and principals', async () => {
    const out = join(dir, 'merged');
    expect((await run(['merge', ...SHARDS.map(shardFile), '--out', out])).code).toBe(EXIT.ok);
    const merged = readSnapshot(join(out, 'snapshot.json'));
    const whole = readSnapshot(join(dir, 'whole.json'));
    expect(find(merged, instanceArn()).relations.filter((x) => x.kind === 'instance-profile-role')).toEqual([{ kind: 'instance-profile-role', target: roleArn }]);
    expect(find(merged, recordArn()).relations).toEqual([{ kind: 'alias-target', target: ids.lbArn }]);
    expect(find(merged, queueArn).config.encryption).toEqual({ algorithm: 'aws:kms', enabled: true, kmsKeyArn: ids.keyArn, customerManagedKey: true });
    expect(merged.resources).toEqual(whole.resources);
    expect(merged.principals).toEqual(whole.principals);
  });

  it('two worker threads, one account each, collect the resources one thread collects', async () => {
    const out = join(dir, 'two-threads.json');
    expect((await inventory(out, '--workers', '2')).code).toBe(EXIT.ok);
    expect(readSnapshot(out).resources).toEqual(readSnapshot(join(dir, 'whole.json')).resources);
  });

  it('scan --shards gives the results of the unsharded inventory', async () => {
    const scan = async (input: string[], out: string) => {
      expect((await run(['scan', '--spec', specFile, ...input, '--out', out, '--format', 'json', '--fail-on', 'none'])).code).toBe(EXIT.ok);
      return JSON.parse(readFileSync(join(out, 'envgate.json'), 'utf8')) as { results: { ruleId: string; status: string; resource: { arn: string } }[]; accessMatrix: unknown };
    };
    const whole = await scan(['--snapshot', join(dir, 'whole.json')], join(dir, 'out-whole'));
    const sharded = await scan(['--shards', ...SHARDS.map(shardFile)], join(dir, 'out-shards'));
    // The cross-account key is a resource two environments share: seen only with the key's owner known.
    expect(whole.results.filter((r) => r.ruleId === 'isolation-shared-resources' && r.status === 'fail').map((r) => r.resource.arn)).toEqual([ids.keyArn]);
    expect(whole.results.filter((r) => r.ruleId === 'encryption-customer-managed-key').map((r) => `${r.resource.arn} ${r.status}`)).toEqual([`${queueArn} pass`]);
    expect(sharded.results).toEqual(whole.results);
    expect(sharded.accessMatrix).toEqual(whole.accessMatrix);
  });
});
