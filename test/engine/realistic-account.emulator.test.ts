// A first scan of accounts that look real (moto): staging and production accounts, three
// regions each with the default VPC AWS makes, service-linked and IAM Identity Center
// roles, the aws/* KMS aliases, untagged root volumes, tagged and untagged alarms, a load
// balancer with an untagged target group, a log-target bucket and a compliant
// workload. The compliant scan must give zero failures and zero not-evaluated results,
// with what AWS created passing for its stated reason; after one violation per category
// is planted, the failures must be exactly the plants, each once.
//
// moto makes no AWS managed KMS keys (ListKeys lists only customer keys; DescribeKey says
// KeyManager CUSTOMER), so AWS managed keys are covered by recorded response shapes in
// test/collect/kms-furniture.mock.test.ts and test/engine/furniture.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Result } from '../../src/model/result.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { loadSpec } from '../../src/spec/load.js';
import { startMoto, stubFakeAwsEnv, type Moto } from '../helpers/moto.js';
import { plantRealisticViolations, prefixOf, REALISTIC_ACCOUNTS, REALISTIC_CIDRS, REALISTIC_REGIONS, seedRealistic, type Plants, type RealisticEnv, type SeededRealistic } from '../helpers/seed-realistic.js';

function envSpec(env: RealisticEnv) {
  const id = REALISTIC_ACCOUNTS[env];
  const second = REALISTIC_CIDRS[env].split('.')[1];
  return {
    aliases: [env === 'production' ? 'prod' : 'stg'],
    accounts: [{ id, ...(env === 'staging' ? { roleArn: `arn:aws:iam::${id}:role/envgate-read` } : {}) }],
    regions: REALISTIC_REGIONS,
    naming: { 'AWS::SQS::Queue': [`${prefixOf(env)}-*`] },
    network: {
      vpcCidrs: [REALISTIC_CIDRS[env]],
      subnetCidrs: [`10.${second}.0.0/20`],
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      forbidDefaultVpc: true,
      restrictedIngressPorts: [22, 3389],
    },
    encryption: { atRest: ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SNS::Topic'] },
    retention: { logGroups: [{ class: 'application', match: ['/shop/*'], days: 30 }] },
    dataProtection: { versioning: ['*'], publicAccessBlock: true, accessLogging: ['AWS::S3::Bucket', 'AWS::ElasticLoadBalancingV2::LoadBalancer'] },
    monitoring: { alarms: ['AWS::SQS::Queue'] },
    compute: { instanceTypes: ['t3.micro', 't3.small'] },
  };
}

const SSO = 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/';
const SPEC = {
  version: 1,
  system: { name: 'shop', document: 'realistic-account emulator test' },
  attribution: { tagKeys: ['Environment'] },
  environments: { staging: envSpec('staging'), production: envSpec('production') },
  tagging: { required: ['Environment', 'Owner'] },
  teams: {
    Developers: { principals: [{ arn: `${SSO}AWSReservedSSO_Developers*` }] },
    Platform: { principals: [{ arn: `${SSO}AWSReservedSSO_Platform_*` }] },
  },
  access: { matrix: { Developers: { staging: 'deploy', production: 'read' }, Platform: { staging: 'full', production: 'full' } } },
  // No parity: each plant would show a second time as a parity difference.
};

interface Report {
  summary: { complete: boolean; totals: Record<string, number> };
  run: { collectionErrors: unknown[] };
  results: Result[];
}

describe('realistic accounts: AWS furniture is no noise, planted violations are found once', () => {
  let moto: Moto;
  let dir: string;
  let seeded: SeededRealistic;
  let plants: Plants;
  const scans: { code: number; report: Report; snapshot: Snapshot }[] = [];

  const scan = async (name: string) => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
    const snap = join(dir, `${name}.snapshot.json`);
    const out = join(dir, name);
    const specFile = join(dir, 'envgate.yaml');
    const collected = await main(['inventory', '--spec', specFile, '--endpoint', moto.endpoint, '--out', snap], env, memoryOutput());
    expect(collected, 'inventory exit code').toBe(EXIT.ok);
    const code = await main(['scan', '--spec', specFile, '--snapshot', snap, '--out', out, '--format', 'json', '--fail-on', 'none'], env, memoryOutput());
    scans.push({ code, report: JSON.parse(readFileSync(join(out, 'envgate.json'), 'utf8')) as Report, snapshot: JSON.parse(readFileSync(snap, 'utf8')) as Snapshot });
  };

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    dir = mkdtempSync(join(tmpdir(), 'envgate-realistic-'));
    const specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(SPEC));
    loadSpec(specFile); // throws if the spec were invalid
    stubFakeAwsEnv(vi.stubEnv, REALISTIC_REGIONS[0]!);
    seeded = await seedRealistic(moto);
    await scan('compliant');
    plants = await plantRealisticViolations(moto, seeded);
    await scan('planted');
  }, 600_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const failures = (i: number) => scans[i]!.report.results.filter((r) => r.status === 'fail');
  const describeResult = (r: Result) => `${r.ruleId} ${r.resource.arn}: ${r.message}`;

  it('seeds what AWS makes: a default VPC in each of the three regions of both accounts, service-linked roles', () => {
    expect(seeded.defaultVpcs.map((v) => `${v.accountId}/${v.region}`)).toEqual(
      [REALISTIC_ACCOUNTS.staging, REALISTIC_ACCOUNTS.production].flatMap((a) => REALISTIC_REGIONS.map((r) => `${a}/${r}`)).sort(),
    );
    expect(seeded.serviceLinkedRoles).toHaveLength(6);
  });

  it('collects what classification needs: isDefault, defaultForAz, the group name, key aliases', () => {
    const snap = scans[0]!.snapshot;
    const defaults = new Set(seeded.defaultVpcs.map((v) => v.vpcId));
    const vpcs = snap.resources.filter((r) => r.type === 'AWS::EC2::VPC');
    expect(vpcs.filter((v) => v.config.isDefault === true).map((v) => v.id).sort()).toEqual([...defaults].sort());
    const subnets = snap.resources.filter((r) => r.type === 'AWS::EC2::Subnet');
    expect(subnets.filter((s) => s.config.defaultForAz === true).every((s) => defaults.has(String(s.config.vpcId)))).toBe(true);
    expect(subnets.filter((s) => s.config.defaultForAz === false).map((s) => s.name).sort()).toEqual(['shop-prod-private-a', 'shop-prod-private-b', 'shop-stg-private-a', 'shop-stg-private-b']);
    // Every VPC (default or not) has its default group; the Name tag does not hide the group name.
    const groups = snap.resources.filter((r) => r.type === 'AWS::EC2::SecurityGroup' && r.config.groupName === 'default');
    expect(groups).toHaveLength(vpcs.length);
    const key = snap.resources.find((r) => r.arn === seeded.arn['production.key']);
    expect(key?.config).toMatchObject({ keyManager: 'CUSTOMER', aliases: ['alias/shop-prod-data'] });
  });

  it('the compliant accounts scan with zero failures and zero not-evaluated', () => {
    const { code, report } = scans[0]!;
    expect(report.run.collectionErrors).toEqual([]);
    expect(failures(0).map(describeResult)).toEqual([]);
    expect(report.results.filter((r) => r.status === 'not-evaluated').map(describeResult)).toEqual([]);
    expect(report.summary.complete).toBe(true);
    expect(code).toBe(EXIT.ok);
  });

  it('what AWS created passes for its stated reason, and team roles as team principals', () => {
    const exempt = scans[0]!.report.results.filter((r) => r.ruleId === 'attribution-missing' && r.evidence.exempt !== undefined);
    const codeOf = (arn: string) => exempt.find((r) => r.resource.arn === arn)?.evidence.observed;
    for (const v of seeded.defaultVpcs) expect(codeOf(`arn:aws:ec2:${v.region}:${v.accountId}:vpc/${v.vpcId}`), v.vpcId).toBe('default-vpc');
    for (const arn of seeded.serviceLinkedRoles) expect(codeOf(arn), arn).toBe('service-linked-role');
    for (const env of ['staging', 'production']) {
      expect(codeOf(seeded.arn[`${env}.ssoDevelopers`]!)).toBe('team-principal');
      expect(codeOf(seeded.arn[`${env}.ssoPlatform`]!)).toBe('team-principal');
    }
    const codes = new Set(exempt.map((r) => r.evidence.observed));
    // Network ACLs and route tables are collected too: every VPC's default ACL and main table.
    expect([...codes].sort()).toEqual(['default-network-acl', 'default-security-group', 'default-subnet', 'default-vpc', 'main-route-table', 'service-linked-role', 'team-principal']);
    // The untagged root volumes take their instance's environment, and its tags stand for theirs.
    const volumes = scans[0]!.report.results.filter((r) => r.resource.type === 'AWS::EC2::Volume' && ['attribution-missing', 'required-tags'].includes(r.ruleId));
    expect(volumes.map((r) => [r.ruleId, r.resource.environment])).toEqual([
      ['attribution-missing', 'production'],
      ['attribution-missing', 'staging'],
      ['required-tags', 'production'],
      ['required-tags', 'staging'],
    ]);
    expect(volumes.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(volumes.filter((r) => r.ruleId === 'required-tags').map((r) => r.evidence.observed)).toEqual(['inherited', 'inherited']);
    expect(String(volumes.find((r) => r.ruleId === 'required-tags')!.message)).toMatch(/takes its environment from what it belongs to \(attached to shop-prod-api\)/);
  });

  it('untagged alarms and target groups take the environment of what they watch or serve', () => {
    const results = scans[0]!.report.results;
    for (const env of ['staging', 'production'] as const) {
      for (const key of ['untaggedAlarm', 'targetGroup']) {
        const arn = seeded.arn[`${env}.${key}`]!;
        const mine = results.filter((r) => r.resource.arn === arn && ['attribution-missing', 'required-tags'].includes(r.ruleId));
        expect(mine.map((r) => [r.ruleId, r.status, r.resource.environment]), `${env}.${key}`).toEqual([
          ['attribution-missing', 'pass', env],
          ['required-tags', 'pass', env],
        ]);
      }
    }
  });

  it('the log-target bucket need not log to itself: its pass names the bucket and load balancer logging into it', () => {
    const results = scans[0]!.report.results.filter((r) => r.ruleId === 's3-access-logging');
    const logs = results.find((r) => r.resource.arn === seeded.arn['production.logBucket']);
    expect(logs?.status).toBe('pass');
    expect(JSON.stringify(logs?.evidence)).toContain(seeded.arn['production.bucket']);
    expect(JSON.stringify(logs?.evidence)).toContain(seeded.arn['production.loadBalancer']);
    expect(results.find((r) => r.resource.arn === seeded.arn['production.bucket'])?.status).toBe('pass');
  });

  it('each planted violation gives exactly its finding, and nothing else fails', () => {
    const got = failures(1).map((r) => `${r.ruleId} ${r.resource.arn}`).sort();
    const want = Object.entries(plants).map(([rule, arn]) => `${rule} ${arn}`).sort();
    expect(got).toEqual(want);
    expect(scans[1]!.report.results.filter((r) => r.status === 'not-evaluated').map(describeResult)).toEqual([]);
    expect(new Set(failures(1).map((r) => r.category))).toEqual(new Set(['attribution', 'tagging', 'naming', 'monitoring', 'encryption', 'data-protection', 'retention', 'network', 'compute', 'isolation', 'access']));
  });
});
