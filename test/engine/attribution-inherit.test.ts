import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import type { Resource } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, prod, res, snapshot } from './helpers.js';

const RULES = loadRules().filter((r) => r.meta.id === 'attribution-missing');

describe('attribution through attachments', () => {
  const volume = (name: string) => res('AWS::EC2::Volume', name, { config: { volumeType: 'gp3', sizeGiB: 8 } });

  it('gives an untagged volume the environment of the instance it is attached to', () => {
    const root = volume('vol-root');
    const loose = volume('vol-loose');
    const instance = prod('AWS::EC2::Instance', 'i-web', { relations: [{ kind: 'volume', target: root.arn }] });
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([instance, root, loose]), rules: RULES, now: NOW });
    expect(ev.attribution[root.arn]).toBe('production');
    expect(ev.attribution[loose.arn]).toBeNull();
    const status = Object.fromEntries(ev.results.map((r) => [r.resource.name, r.status]));
    expect(status).toEqual({ 'i-web': 'pass', 'vol-root': 'pass', 'vol-loose': 'fail' });
  });

  it("keeps a volume's own signals over the instance's", () => {
    const tagged = res('AWS::EC2::Volume', 'vol-stg', { tags: { Environment: 'staging' } });
    const instance = prod('AWS::EC2::Instance', 'i-web', { relations: [{ kind: 'volume', target: tagged.arn }] });
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([instance, tagged]), rules: RULES, now: NOW });
    expect(ev.attribution[tagged.arn]).toBe('staging');
  });

  it('passes nothing on from an instance whose own signals conflict', () => {
    const root = volume('vol-root');
    const instance = res('AWS::EC2::Instance', 'i-web', { tags: { Environment: 'production', env: 'staging' }, relations: [{ kind: 'volume', target: root.arn }] });
    const spec = baseSpec();
    spec.attribution.tagKeys = ['Environment', 'env'];
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([instance, root]), rules: RULES, now: NOW });
    expect(ev.attribution[instance.arn]).toBeNull();
    expect(ev.attribution[root.arn]).toBeNull();
  });
});

describe('inheritance through containment and use', () => {
  const RULES2 = loadRules().filter((r) => r.meta.id === 'attribution-missing' || r.meta.id === 'attribution-conflict');
  const run = (resources: Resource[], reorder?: (rs: Resource[]) => Resource[]) => {
    const snap = snapshot(resources);
    if (reorder) snap.resources = reorder(snap.resources);
    return evaluate({ spec: loaded(baseSpec()), snapshot: snap, rules: RULES2, now: NOW });
  };
  const statusOf = (ev: ReturnType<typeof run>, rule: string) =>
    Object.fromEntries(ev.results.filter((r) => r.ruleId === rule).map((r) => [r.resource.name, r.status]));
  const vpc = prod('AWS::EC2::VPC', 'vpc-prod');
  const member = (type: string, name: string, relations: Resource['relations']) => res(type, name, { relations });
  const observed = (ev: ReturnType<typeof run>, name: string) =>
    ev.results.find((r) => r.ruleId === 'attribution-conflict' && r.resource.name === name)?.evidence.observed;

  it('gives the members of an attributed VPC its environment, with the parent and the link', () => {
    const subnet = member('AWS::EC2::Subnet', 'subnet-a', [{ kind: 'vpc', target: vpc.arn }]);
    const sg = member('AWS::EC2::SecurityGroup', 'sg-web', [{ kind: 'vpc', target: vpc.arn }]);
    const rt = member('AWS::EC2::RouteTable', 'rtb-1', [{ kind: 'vpc', target: vpc.arn }]);
    const ev = run([vpc, subnet, sg, rt]);
    expect([ev.attribution[subnet.arn], ev.attribution[sg.arn], ev.attribution[rt.arn]]).toEqual(['production', 'production', 'production']);
    expect(observed(ev, 'subnet-a')).toEqual([{ signal: 'relation', environment: 'production', detail: 'in VPC vpc-prod', parent: vpc.arn }]);
    expect(statusOf(ev, 'attribution-missing')).toEqual({ 'vpc-prod': 'pass', 'subnet-a': 'pass', 'sg-web': 'pass', 'rtb-1': 'pass' });
  });

  it('resolves a chain VPC -> subnet -> network interface, nearest parent first', () => {
    const subnet = member('AWS::EC2::Subnet', 'subnet-a', [{ kind: 'vpc', target: vpc.arn }]);
    const eni = member('AWS::EC2::NetworkInterface', 'eni-1', [{ kind: 'subnet', target: subnet.arn }]);
    const ev = run([vpc, subnet, eni]);
    expect(ev.attribution[eni.arn]).toBe('production');
    expect(observed(ev, 'eni-1')).toEqual([{ signal: 'relation', environment: 'production', detail: 'in subnet subnet-a', parent: subnet.arn }]);
  });

  it('resolves the same whatever order the snapshot lists the resources in', () => {
    const subnet = member('AWS::EC2::Subnet', 'subnet-a', [{ kind: 'vpc', target: vpc.arn }]);
    const eni = member('AWS::EC2::NetworkInterface', 'eni-1', [{ kind: 'subnet', target: subnet.arn }]);
    const instance = res('AWS::EC2::Instance', 'i-x', { tags: { Environment: 'staging' } });
    const eni2 = member('AWS::EC2::NetworkInterface', 'eni-2', [{ kind: 'attached-to', target: instance.arn }, { kind: 'subnet', target: subnet.arn }]);
    const a = run([vpc, subnet, eni, instance, eni2]);
    const b = run([vpc, subnet, eni, instance, eni2], (rs) => [...rs].reverse());
    expect(b.attribution).toEqual(a.attribution);
    // eni-2: the instance is one hop away, the subnet's environment two: the nearest wins.
    expect(a.attribution[eni2.arn]).toBe('staging');
  });

  it('gives target groups, alarms and snapshots the environment of their load balancer, watched resource and source', () => {
    const lb = prod('AWS::ElasticLoadBalancingV2::LoadBalancer', 'lb-web');
    const tg = res('AWS::ElasticLoadBalancingV2::TargetGroup', 'tg-web', { relations: [{ kind: 'load-balancer', target: lb.arn }] });
    const db = res('AWS::RDS::DBInstance', 'db-main', { tags: { Environment: 'stg' } });
    const alarm = res('AWS::CloudWatch::Alarm', 'db-cpu', { relations: [{ kind: 'monitors', target: db.arn }] });
    const dbSnap = res('AWS::RDS::DBSnapshot', 'db-main-snap', { relations: [{ kind: 'snapshot-of', target: db.arn }] });
    const instance = prod('AWS::EC2::Instance', 'i-web');
    const vol = res('AWS::EC2::Volume', 'vol-root', { relations: [] });
    instance.relations = [{ kind: 'volume', target: vol.arn }];
    const volSnap = res('AWS::EC2::Snapshot', 'snap-1', { relations: [{ kind: 'snapshot-of', target: vol.arn }] });
    const ev = run([lb, tg, db, alarm, dbSnap, instance, vol, volSnap]);
    expect(ev.attribution[tg.arn]).toBe('production');
    expect(ev.attribution[alarm.arn]).toBe('staging');
    expect(ev.attribution[dbSnap.arn]).toBe('staging');
    expect(ev.attribution[volSnap.arn]).toBe('production');
    expect(observed(ev, 'tg-web')).toEqual([{ signal: 'relation', environment: 'production', detail: 'target group of lb-web', parent: lb.arn }]);
    expect(observed(ev, 'db-cpu')).toEqual([{ signal: 'relation', environment: 'staging', detail: 'alarm on db-main', parent: db.arn }]);
    expect(observed(ev, 'snap-1')).toEqual([{ signal: 'relation', environment: 'production', detail: 'snapshot of vol-root', parent: vol.arn }]);
  });

  it('gives a cache cluster its subnet group\'s environment, and a replication group its members\'', () => {
    const cacheVpc = prod('AWS::EC2::VPC', 'vpc-cache');
    const subnets = res('AWS::ElastiCache::SubnetGroup', 'cache-subnets', { relations: [{ kind: 'vpc', target: cacheVpc.arn }] });
    const member = res('AWS::ElastiCache::CacheCluster', 'sessions-001', { relations: [{ kind: 'subnet-group', target: subnets.arn }] });
    const group = res('AWS::ElastiCache::ReplicationGroup', 'sessions', { relations: [{ kind: 'member-cluster', target: member.arn }] });
    // Members in two environments: the group is in conflict and passes nothing on.
    const stgMember = res('AWS::ElastiCache::CacheCluster', 'mixed-002', { tags: { Environment: 'staging' } });
    const prodMember = prod('AWS::ElastiCache::CacheCluster', 'mixed-001');
    const mixed = res('AWS::ElastiCache::ReplicationGroup', 'mixed', { relations: [{ kind: 'member-cluster', target: prodMember.arn }, { kind: 'member-cluster', target: stgMember.arn }] });
    const ev = run([cacheVpc, subnets, member, group, stgMember, prodMember, mixed]);
    expect(ev.attribution[subnets.arn]).toBe('production');
    expect(ev.attribution[member.arn]).toBe('production');
    expect(ev.attribution[group.arn]).toBe('production');
    expect(ev.attribution[mixed.arn]).toBeNull();
    expect(observed(ev, 'sessions-001')).toEqual([{ signal: 'relation', environment: 'production', detail: 'in subnet group cache-subnets', parent: subnets.arn }]);
    expect(observed(ev, 'sessions')).toEqual([{ signal: 'relation', environment: 'production', detail: 'replication group of sessions-001', parent: member.arn }]);
  });

  it('gives an untagged distribution the environment of its origin, and a web ACL that of what it filters', () => {
    const bucket = res('AWS::S3::Bucket', 'stg-assets', { tags: { Environment: 'staging' } });
    const lb = prod('AWS::ElasticLoadBalancingV2::LoadBalancer', 'lb-web');
    const cdn = res('AWS::CloudFront::Distribution', 'E2CDN', { region: 'global', relations: [{ kind: 'origin', target: bucket.arn }] });
    const acl = res('AWS::WAFv2::WebACL', 'edge', { relations: [{ kind: 'filters', target: lb.arn }] });
    const ev = run([bucket, lb, cdn, acl]);
    expect(ev.attribution[cdn.arn]).toBe('staging');
    expect(ev.attribution[acl.arn]).toBe('production');
    expect(observed(ev, 'E2CDN')).toEqual([{ signal: 'relation', environment: 'staging', detail: 'CDN in front of stg-assets', parent: bucket.arn }]);
    expect(observed(ev, 'edge')).toEqual([{ signal: 'relation', environment: 'production', detail: 'web ACL of lb-web', parent: lb.arn }]);
  });

  it('gives an untagged schedule (Scheduler schedules have no tags) the environment of the instance it stops', () => {
    const inst = res('AWS::EC2::Instance', 'i-dev', { tags: { Environment: 'staging' } });
    const schedule = res('AWS::Scheduler::Schedule', 'dev-stop', { arn: 'arn:aws:scheduler:us-east-1:111111111111:schedule/default/dev-stop', relations: [{ kind: 'schedules', target: inst.arn }] });
    const ev = run([inst, schedule]);
    expect(ev.attribution[schedule.arn]).toBe('staging');
    expect(observed(ev, 'dev-stop')).toEqual([{ signal: 'relation', environment: 'staging', detail: 'uptime schedule of i-dev', parent: inst.arn }]);
  });

  it('makes parents of two environments a conflict finding, passed on to nothing', () => {
    const a = prod('AWS::EC2::Instance', 'i-prod');
    const b = res('AWS::EC2::Instance', 'i-stg', { tags: { Environment: 'staging' } });
    const shared = res('AWS::EC2::Volume', 'vol-multi');
    a.relations = [{ kind: 'volume', target: shared.arn }];
    b.relations = [{ kind: 'volume', target: shared.arn }];
    const snap = res('AWS::EC2::Snapshot', 'snap-multi', { relations: [{ kind: 'snapshot-of', target: shared.arn }] });
    const ev = run([a, b, shared, snap]);
    expect(ev.attribution[shared.arn]).toBeNull();
    expect(statusOf(ev, 'attribution-conflict')).toEqual({ 'i-prod': 'pass', 'i-stg': 'pass', 'vol-multi': 'fail' });
    const fail = ev.results.find((r) => r.ruleId === 'attribution-conflict' && r.status === 'fail')!;
    expect(fail.message).toContain('attached to i-prod -> production');
    expect(fail.message).toContain('attached to i-stg -> staging');
    expect(ev.attribution[snap.arn]).toBeNull();
    expect(statusOf(ev, 'attribution-missing')['snap-multi']).toBe('fail');
  });

  it("keeps a resource's own signal over its parent's", () => {
    const subnet = res('AWS::EC2::Subnet', 'subnet-stg', { tags: { Environment: 'staging' }, relations: [{ kind: 'vpc', target: vpc.arn }] });
    const ev = run([vpc, subnet]);
    expect(ev.attribution[subnet.arn]).toBe('staging');
  });

  it('ends on cycles: resources that only point at each other stay unattributed', () => {
    const x = res('AWS::EC2::NetworkInterface', 'eni-x');
    const y = res('AWS::EC2::NetworkInterface', 'eni-y', { relations: [{ kind: 'attached-to', target: x.arn }] });
    x.relations = [{ kind: 'attached-to', target: y.arn }];
    const self = res('AWS::EC2::Subnet', 'subnet-self');
    self.relations = [{ kind: 'vpc', target: self.arn }];
    const ev = run([x, y, self]);
    expect([ev.attribution[x.arn], ev.attribution[y.arn], ev.attribution[self.arn]]).toEqual([null, null, null]);
    expect(statusOf(ev, 'attribution-missing')).toEqual({ 'eni-x': 'fail', 'eni-y': 'fail', 'subnet-self': 'fail' });
  });

  it('passes nothing through relation kinds that do not carry an environment, or to unknown targets', () => {
    const key = prod('AWS::KMS::Key', 'key-1');
    const queue = res('AWS::SQS::Queue', 'q-1', { relations: [{ kind: 'kms-key', target: key.arn }, { kind: 'vpc', target: 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-gone' }] });
    const ev = run([key, queue]);
    expect(ev.attribution[queue.arn]).toBeNull();
  });
});
