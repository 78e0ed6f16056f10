// links.ts: the relations linking adds over a whole inventory, with exact values. The
// CloudFront origin case is on the API's shape (moto's ListDistributions has no origins).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addPrincipalFacts, emptyFacts, factsOf, linkResource } from '../../src/collect/links.js';
import { writeSnapshot } from '../../src/collect/snapshot-io.js';
import { mergeSnapshotFiles, mergeSnapshots } from '../../src/gate/merge-snapshots.js';
import { SNAPSHOT_SCHEMA_VERSION, type Principal, type Resource, type Snapshot } from '../../src/model/snapshot.js';

const A = '111111111111';
const B = '222222222222';
const LB = `arn:aws:elasticloadbalancing:eu-west-3:${B}:loadbalancer/app/web/50dc`;
const KEY = `arn:aws:kms:eu-west-3:${B}:key/k1`;
const ROLE_1 = `arn:aws:iam::${A}:role/web`;
const ROLE_2 = `arn:aws:iam::${A}:role/audit`;
const PROFILE = `arn:aws:iam::${A}:instance-profile/web`;

const res = (type: string, arn: string, config: Record<string, unknown>, relations: Resource['relations'] = []): Resource => ({
  arn,
  accountId: arn.split(':')[4] || A,
  region: arn.split(':')[3] || 'global',
  type,
  id: arn.split('/').at(-1)!,
  name: arn.split('/').at(-1)!,
  tags: {},
  config,
  relations,
});
const role = (arn: string, instanceProfiles?: string[]): Principal => ({
  arn,
  accountId: A,
  kind: 'role',
  name: arn.split('/').at(-1)!,
  path: '/',
  tags: {},
  groups: [],
  attachedPolicies: [],
  inlinePolicies: [],
  ...(instanceProfiles ? { instanceProfiles } : {}),
});
const lb = res('AWS::ElasticLoadBalancingV2::LoadBalancer', LB, { dnsName: 'Web-1234.eu-west-3.elb.amazonaws.com' });
const key = res('AWS::KMS::Key', KEY, { keyManager: 'CUSTOMER', aliases: ['alias/orders'] });
const awsKey = res('AWS::KMS::Key', `arn:aws:kms:eu-west-3:${B}:key/k2`, { keyManager: 'AWS', aliases: ['alias/aws/sqs'] });
const facts = () => factsOf([lb, key, awsKey], [role(ROLE_1, [PROFILE]), role(ROLE_2, [PROFILE]), role(`arn:aws:iam::${A}:role/none`)]);

describe('linkResource', () => {
  it('links a CloudFront load-balancer origin by its DNS name (dualstack, any case), not its S3 origin', () => {
    const d = res('AWS::CloudFront::Distribution', `arn:aws:cloudfront::${A}:distribution/E1`, {
      origins: [
        { id: 'app', domainName: 'dualstack.web-1234.EU-WEST-3.elb.amazonaws.com', kind: 'load-balancer' },
        { id: 'assets', domainName: 'assets.s3.amazonaws.com', kind: 's3' },
        { id: 'other', domainName: 'other-9.eu-west-3.elb.amazonaws.com', kind: 'load-balancer' },
      ],
    }, [{ kind: 'origin', target: 'arn:aws:s3:::assets' }]);
    expect(linkResource(d, facts()).relations).toEqual([
      { kind: 'origin', target: LB },
      { kind: 'origin', target: 'arn:aws:s3:::assets' },
    ]);
  });

  it('links a Route 53 alias or a one-value CNAME to the load balancer; a two-value CNAME or an A record with addresses is not linked', () => {
    const rec = (id: string, config: Record<string, unknown>) => res('AWS::Route53::RecordSet', `arn:aws:route53:::recordset/Z1/${id}`, config);
    const f = facts();
    expect(linkResource(rec('alias', { recordType: 'A', aliasTarget: { dnsName: 'dualstack.web-1234.eu-west-3.elb.amazonaws.com.' } }), f).relations).toEqual([{ kind: 'alias-target', target: LB }]);
    expect(linkResource(rec('cname', { recordType: 'CNAME', values: ['web-1234.eu-west-3.elb.amazonaws.com'] }), f).relations).toEqual([{ kind: 'alias-target', target: LB }]);
    expect(linkResource(rec('two', { recordType: 'CNAME', values: ['web-1234.eu-west-3.elb.amazonaws.com', 'x.example.com'] }), f).relations).toEqual([]);
    expect(linkResource(rec('a', { recordType: 'A', values: ['web-1234.eu-west-3.elb.amazonaws.com'] }), f).relations).toEqual([]);
  });

  it('links an instance to every role of its instance profile, sorted, once', () => {
    const i = res('AWS::EC2::Instance', `arn:aws:ec2:eu-west-3:${A}:instance/i-1`, { iamInstanceProfileArn: PROFILE }, [{ kind: 'instance-profile-role', target: ROLE_1 }]);
    expect(linkResource(i, facts()).relations).toEqual([
      { kind: 'instance-profile-role', target: ROLE_2 },
      { kind: 'instance-profile-role', target: ROLE_1 },
    ]);
    const f = emptyFacts();
    addPrincipalFacts(f, role(ROLE_1, [PROFILE]));
    addPrincipalFacts(f, role(ROLE_1, [PROFILE]));
    expect(f.profileRoles.get(PROFILE)).toEqual([ROLE_1]);
  });

  it("fills the key's owner by key ARN or by alias ARN; an aws/* alias of an unlisted key is AWS managed; a known owner is kept", () => {
    const q = (name: string, encryption: Record<string, unknown>) => res('AWS::SQS::Queue', `arn:aws:sqs:eu-west-3:${A}:${name}`, { encryption });
    const f = facts();
    expect(linkResource(q('by-key', { enabled: true, kmsKeyArn: KEY }), f).config.encryption).toEqual({ enabled: true, kmsKeyArn: KEY, customerManagedKey: true });
    expect(linkResource(q('by-alias', { enabled: true, kmsKeyArn: `arn:aws:kms:eu-west-3:${B}:alias/orders` }), f).config.encryption).toEqual({
      enabled: true,
      kmsKeyArn: `arn:aws:kms:eu-west-3:${B}:alias/orders`,
      customerManagedKey: true,
    });
    expect(linkResource(q('aws-alias-listed', { enabled: true, kmsKeyArn: `arn:aws:kms:eu-west-3:${B}:alias/aws/sqs` }), f).config.encryption).toMatchObject({ customerManagedKey: false });
    expect(linkResource(q('aws-alias', { enabled: true, kmsKeyArn: `arn:aws:kms:us-east-1:${A}:alias/aws/sqs` }), f).config.encryption).toMatchObject({ customerManagedKey: false });
    expect(linkResource(q('unknown', { enabled: true, kmsKeyArn: `arn:aws:kms:us-east-1:${A}:key/zz` }), f).config.encryption).toEqual({ enabled: true, kmsKeyArn: `arn:aws:kms:us-east-1:${A}:key/zz` });
    expect(linkResource(q('known', { enabled: true, kmsKeyArn: KEY, customerManagedKey: false }), f).config.encryption).toEqual({ enabled: true, kmsKeyArn: KEY, customerManagedKey: false });
  });

  it('returns the same object when nothing is missing, and never changes its input', () => {
    const i = res('AWS::EC2::Instance', `arn:aws:ec2:eu-west-3:${A}:instance/i-1`, { iamInstanceProfileArn: PROFILE, encryption: { enabled: true, kmsKeyArn: KEY } });
    const before = JSON.stringify(i);
    const linked = linkResource(i, facts());
    expect(JSON.stringify(i)).toBe(before);
    expect(linked).not.toBe(i);
    expect(linkResource(linked, facts())).toBe(linked);
    expect(linkResource(lb, facts())).toBe(lb);
  });
});

describe('merging shards links across them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envgate-links-merge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const snapshot = (accounts: string[], resources: Resource[], principals: Principal[]): Snapshot => ({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    metadata: { tool: { name: 'envgate', version: '0.0.0' }, collectedAt: '2026-01-01T00:00:00.000Z', accounts, regions: ['eu-west-3'], apiCalls: {}, coverage: [] },
    resources,
    principals,
    policies: [],
    costs: [],
    errors: [],
  });
  // The home shard of A holds IAM and the distribution; B's shard the load balancer and the key.
  const instance = res('AWS::EC2::Instance', `arn:aws:ec2:eu-west-3:${A}:instance/i-1`, { iamInstanceProfileArn: PROFILE });
  const dist = res('AWS::CloudFront::Distribution', `arn:aws:cloudfront::${A}:distribution/E1`, { origins: [{ id: 'app', domainName: 'web-1234.eu-west-3.elb.amazonaws.com', kind: 'load-balancer' }] });
  const shards = [snapshot([A], [dist, instance], [role(ROLE_1, [PROFILE])]), snapshot([B], [key, lb], [])];

  it('in memory (worker threads) and streamed (envgate merge) alike, in the same bytes', async () => {
    const merged = mergeSnapshots(shards.map((snapshot, i) => ({ file: `s${i}`, snapshot })));
    const relations = Object.fromEntries(merged.resources.map((r) => [r.id, r.relations]));
    expect(relations).toEqual({
      E1: [{ kind: 'origin', target: LB }],
      'i-1': [{ kind: 'instance-profile-role', target: ROLE_1 }],
      k1: [],
      '50dc': [],
    });
    const files = shards.map((_, i) => join(dir, `shard-${i}.json`));
    for (const [i, s] of shards.entries()) await writeSnapshot(files[i]!, s);
    await mergeSnapshotFiles(files, join(dir, 'streamed.json'));
    await writeSnapshot(join(dir, 'memory.json'), merged);
    expect(readFileSync(join(dir, 'streamed.json'), 'utf8')).toBe(readFileSync(join(dir, 'memory.json'), 'utf8'));
  });
});
