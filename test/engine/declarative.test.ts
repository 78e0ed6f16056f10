// The declarative rule runner (src/engine/declarative.ts), with in-memory rules rather
// than the catalogue: which resources a rule judges (types, applicability, environment,
// exclusions, exemptions), the pass / fail / not-evaluated results it gives with their
// exact messages, evidence and spec locations, `each` over a spec list, collection gaps,
// summary mode's pass counts, and windows giving the same results as one pass.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { evaluate, evaluateWithContext } from '../../src/engine/evaluate.js';
import type { Condition, Rule } from '../../src/engine/rule.js';
import type { Result } from '../../src/model/result.js';
import type { CollectionError, Resource } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';
import { fingerprint } from '../../src/util/fingerprint.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

const BUCKET = 'AWS::S3::Bucket';
const QUEUE = 'AWS::SQS::Queue';

function rule(over: Partial<Rule> & { types?: string[]; id?: string; title?: string; requirement?: string } = {}): Rule {
  const { types, id, title, requirement, ...rest } = over;
  return {
    meta: {
      id: id ?? 'r',
      title: title ?? 'Checked',
      category: 'encryption',
      severity: 'high',
      resourceTypes: types ?? [BUCKET],
      description: 'd',
      remediation: 'm',
      requirement: requirement ?? '/environments/*/limits',
      docs: 'https://example.invalid',
      origin: 'test',
    },
    ...rest,
  };
}

/** The spec with `limits` in both environments (unknown to the schema, read by `env:` refs). */
function limitsSpec(edit?: (s: Spec) => void): Spec {
  const s = baseSpec();
  const env = (name: string) => s.environments[name] as unknown as Record<string, unknown>;
  env('production').limits = { days: 30, classes: [{ kind: 'big', min: 10 }, { kind: 'small', min: 1 }, { kind: 'big', min: 20 }] };
  env('staging').limits = { days: 7, classes: 'not a list' };
  edit?.(s);
  return s;
}

const row = (r: Result) => [r.resource.name, r.status, r.message];
function run(rules: Rule[], resources: Resource[], opts: { errors?: CollectionError[]; passes?: 'all' | 'summary'; spec?: Spec } = {}) {
  return evaluate({ spec: loaded(opts.spec ?? limitsSpec()), snapshot: snapshot(resources, { errors: opts.errors }), rules, now: NOW, analyses: {}, passes: opts.passes });
}
const check: Condition = { path: 'config.days', gte: { env: 'limits.days' } };

const prodB = (name: string, d?: number, over: Partial<Resource> = {}) => prod(BUCKET, name, { config: d === undefined ? {} : { days: d }, ...over });
const stgB = (name: string, d: number) => res(BUCKET, name, { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { days: d } });

describe('declarative rules: what is judged', () => {
  it('each resource of its type in its environment: pass, fail, could-not-evaluate; unattributed ones skipped when the rule reads the environment', () => {
    const resources = [prodB('a', 30), prodB('b', 3), prodB('c'), stgB('stg', 1), res(BUCKET, 'orphan', { config: { days: 30 } }), prod(QUEUE, 'q', { config: { days: 1 } })];
    const ev = run([rule({ check })], resources);
    expect(ev.results.map(row)).toEqual([
      ['a', 'pass', "AWS::S3::Bucket 'a': Checked"],
      ['b', 'fail', "AWS::S3::Bucket 'b': days is 3; production requires at least 30"],
      ['c', 'not-evaluated', 'AWS::S3::Bucket \'c\': could not evaluate "Checked"'],
      ['stg', 'fail', "AWS::S3::Bucket 'stg': days is 1; staging requires at least 7"],
    ]);
    const [a, b, c, stg] = ev.results;
    expect(a!.evidence).toEqual({ observed: 30, expected: { gte: 30 } });
    expect(b!.evidence).toEqual({ observed: 3, expected: { gte: 30 } });
    expect(c!.evidence).toEqual({ expected: { gte: { env: 'limits.days' } } });
    expect(c!.reason).toBe('config.days not collected');
    expect(a!.reason).toBeUndefined();
    expect(stg!.evidence).toEqual({ observed: 1, expected: { gte: 7 } });
    expect(ev.results.map((r) => r.specLocation?.path)).toEqual(['/environments/production/limits', '/environments/production/limits', '/environments/production/limits', '/environments/staging/limits']);
    expect(b).toMatchObject({ ruleId: 'r', severity: 'high', category: 'encryption', environments: ['production'], fingerprint: fingerprint('r', b!.resource.arn) });
    expect(b!.resource).toEqual({ arn: resources[1]!.arn, accountId: PROD_ACCOUNT, region: 'us-east-1', type: BUCKET, name: 'b', environment: 'production' });
  });

  it('a rule reading no environment judges unattributed resources too, located at the nearest spec ancestor', () => {
    const ev = run([rule({ check: { path: 'config.days', gte: 10 } })], [res(BUCKET, 'orphan', { config: { days: 3 } }), prodB('a', 30)]);
    expect(ev.results.map(row)).toEqual([
      ['a', 'pass', "AWS::S3::Bucket 'a': Checked"],
      ['orphan', 'fail', "AWS::S3::Bucket 'orphan': days is 3; the spec requires at least 10"],
    ]);
    expect(ev.results.map((r) => r.specLocation?.path)).toEqual(['/environments/production/limits', '/environments']);
  });

  it("'*' judges every type present; a type listed twice is judged once; other types not at all", () => {
    const resources = [prodB('a', 30), prod(QUEUE, 'q', { config: { days: 1 } }), prod('AWS::SNS::Topic', 't', { config: { days: 40 } })];
    const star = run([rule({ types: ['*'], check })], resources);
    expect(star.results.map((r) => [r.resource.type, r.status])).toEqual([
      [BUCKET, 'pass'],
      ['AWS::SNS::Topic', 'pass'],
      [QUEUE, 'fail'],
    ]);
    const twice = run([rule({ types: [QUEUE, BUCKET, QUEUE], check })], resources);
    expect(twice.results.map((r) => [r.resource.type, r.status])).toEqual([
      [BUCKET, 'pass'],
      [QUEUE, 'fail'],
    ]);
  });

  it('a rule without a check gives no result for its resources', () => {
    expect(run([rule({})], [prodB('a', 30)]).results).toEqual([]);
  });

  it('excluded resources are judged by no declarative rule', () => {
    const spec = limitsSpec((s) => void (s.exclude = [{ arn: prodB('b', 3).arn, reason: 'legacy' }] as Spec['exclude']));
    const ev = run([rule({ check })], [prodB('a', 30), prodB('b', 3), prodB('c', 1)], { spec });
    expect(ev.results.map(row)).toEqual([
      ['a', 'pass', "AWS::S3::Bucket 'a': Checked"],
      ['c', 'fail', "AWS::S3::Bucket 'c': days is 1; production requires at least 30"],
    ]);
  });
});

describe('declarative rules: applicability', () => {
  it('not applicable gives no result; unknown gives not-evaluated with its reason', () => {
    const applicability: Condition = { path: 'config.enabled', equals: true };
    const resources = [prodB('off', 3, { config: { days: 3, enabled: false } }), prodB('on', 3, { config: { days: 3, enabled: true } }), prodB('unknown', 3)];
    const ev = run([rule({ applicability, check })], resources);
    expect(ev.results.map(row)).toEqual([
      ['on', 'fail', "AWS::S3::Bucket 'on': days is 3; production requires at least 30"],
      ['unknown', 'not-evaluated', 'AWS::S3::Bucket \'unknown\': could not tell whether "Checked" applies'],
    ]);
    expect(ev.results[1]!.reason).toBe('config.enabled not collected');
    expect(ev.results[1]!.evidence).toEqual({});
    expect(ev.results[1]!.specLocation?.path).toBe('/environments/production/limits');
  });

  it('the environment part is decided per environment (and per type), the resource part per resource', () => {
    // Applies where the environment keeps 10 days or more: production (30), not staging (7).
    const applicability: Condition = { all: [{ env: 'limits.days', gte: 10 }, { path: 'config.days', lt: 100 }] };
    const resources = [prodB('p1', 3), prodB('p2', 300), stgB('s1', 1), stgB('s2', 2), prod(QUEUE, 'q', { config: { days: 1 } }), res(QUEUE, 'sq', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { days: 1 } })];
    const ev = run([rule({ types: [BUCKET, QUEUE], applicability, check })], resources);
    expect(ev.results.map((r) => [r.resource.name, r.status])).toEqual([
      ['p1', 'fail'],
      ['q', 'fail'],
    ]);
    // The reverse: applies where the environment keeps under 10 days.
    const rev = run([rule({ types: [BUCKET, QUEUE], applicability: { env: 'limits.days', lt: 10 }, check })], resources);
    expect(rev.results.map((r) => [r.resource.name, r.status])).toEqual([
      ['s1', 'fail'],
      ['s2', 'fail'],
      ['sq', 'fail'],
    ]);
  });

  it('an unset spec value in applicability or `where` means not applicable, in the check it means could-not-evaluate', () => {
    const unset: Condition = { env: 'limits.absent', equals: true };
    expect(run([rule({ applicability: unset, check })], [prodB('a', 3)]).results).toEqual([]);
    const inCheck = run([rule({ check: unset })], [prodB('a', 3)]);
    expect(inCheck.results.map((r) => r.status)).toEqual(['not-evaluated']);
    const where = run([rule({ each: { env: 'limits.classes', where: { env: 'limits.absent', equals: true } }, requirement: '/environments/*/limits/classes/*', check: { path: 'config.days', gte: { item: 'min' } } })], [prodB('a', 3)]);
    expect(where.results).toEqual([]);
  });
});

describe('declarative rules: exemptions', () => {
  const VPC = 'AWS::EC2::VPC';
  const vpcs = [res(VPC, 'vpc-d', { config: { vpcId: 'vpc-d', isDefault: true, days: 1 } }), res(VPC, 'vpc-c', { config: { vpcId: 'vpc-c', isDefault: false, days: 1 } })];
  const noEnvCheck: Condition = { path: 'config.days', gte: 10 };

  it('a left-out resource passes naming the reason; the others are judged', () => {
    const ev = run([rule({ types: [VPC], exempt: ['furniture'], check: noEnvCheck })], vpcs);
    expect(ev.results.map(row)).toEqual([
      ['vpc-c', 'fail', "AWS::EC2::VPC 'vpc-c': days is 1; the spec requires at least 10"],
      ['vpc-d', 'pass', 'AWS::EC2::VPC \'vpc-d\': left out of "Checked": account furniture: the default VPC AWS creates in every region of an account'],
    ]);
    expect(ev.results[1]!.evidence).toEqual({ observed: 'default-vpc', expected: 'a resource the team owns', exempt: { kind: 'furniture', code: 'default-vpc', reason: 'account furniture: the default VPC AWS creates in every region of an account' } });
    expect(run([rule({ types: [VPC], check: noEnvCheck })], vpcs).results.map((r) => [r.resource.name, r.status])).toEqual([
      ['vpc-c', 'fail'],
      ['vpc-d', 'fail'],
    ]);
  });

  it('summary mode counts a left-out pass as exempt', () => {
    const ev = run([rule({ types: [VPC], exempt: ['furniture'], check: noEnvCheck })], vpcs, { passes: 'summary' });
    expect(ev.results.map((r) => [r.resource.name, r.status])).toEqual([['vpc-c', 'fail']]);
    expect(ev.passCounts).toEqual([{ ruleId: 'r', environment: null, passes: 1, exempt: 1 }]);
  });

  it('not-evaluated when it cannot be told whether an untagged resource inherits its environment', () => {
    const listing: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'ec2', operation: 'DescribeInstances', code: 'AccessDenied', message: 'denied', affects: ['AWS::EC2::Instance'] };
    const vol = res('AWS::EC2::Volume', 'vol-1', { config: { days: 1 } });
    const ev = run([rule({ types: ['AWS::EC2::Volume'], exempt: ['inherited'], check: noEnvCheck })], [vol], { errors: [listing] });
    expect(ev.results.map(row)).toEqual([['vol-1', 'not-evaluated', 'AWS::EC2::Volume \'vol-1\': could not tell whether "Checked" applies: it may take its environment from a resource that could not be listed']]);
    expect(ev.results[0]!.reason).toBe('untagged, and what it could take its environment from could not be listed: collection error ec2:DescribeInstances AccessDenied in 111111111111/us-east-1: denied');
    expect(ev.results[0]!.evidence).toEqual({});
  });
});

describe('declarative rules: collection gaps', () => {
  const err = (over: Partial<CollectionError> = {}): CollectionError => ({ accountId: PROD_ACCOUNT, region: 'us-east-1', service: 's3', operation: 'GetBucketEncryption', code: 'AccessDenied', message: 'denied', affects: [BUCKET], ...over });

  it('a type-level error in the resource\'s account and region (or global) makes a config-reading rule not-evaluated', () => {
    for (const region of ['us-east-1', 'global']) {
      const ev = run([rule({ check })], [prodB('a', 30), stgB('s', 30)], { errors: [err({ region })] });
      // The resource seen, then the rule's coverage gap for the resources that may be unseen.
      expect(ev.results.map(row), region).toEqual([
        ['AWS::S3::Bucket in 111111111111/' + region, 'not-evaluated', `AWS::S3::Bucket in account 111111111111 region ${region} could not be inventoried; "Checked" not evaluated there`],
        ['a', 'not-evaluated', "AWS::S3::Bucket 'a': not evaluated, AWS::S3::Bucket collection was incomplete"],
        ['s', 'pass', "AWS::S3::Bucket 's': Checked"],
      ]);
      expect(ev.results[1]!.reason).toBe(`collection error s3:GetBucketEncryption AccessDenied in 111111111111/${region}: denied`);
      expect(ev.results[1]!.evidence).toEqual({});
      expect(ev.results[1]!.specLocation?.path).toBe('/environments/production/limits');
    }
  });

  it('an error in another region, or a rule reading no config, leaves the resource judged', () => {
    const other = run([rule({ check })], [prodB('a', 30)], { errors: [err({ region: 'eu-west-1' })] });
    expect(other.results.filter((r) => r.resource.name === 'a').map((r) => r.status)).toEqual(['pass']);
    const tags = run([rule({ check: { path: 'tags.Environment', equals: 'production' } })], [prodB('a', 30)], { errors: [err()] });
    expect(tags.results.filter((r) => r.resource.name === 'a').map((r) => r.status)).toEqual(['pass']);
  });

  it('an inbound rule is not-evaluated when the types carrying the relation could not be listed', () => {
    const alarmErr = err({ service: 'cloudwatch', operation: 'DescribeAlarms', affects: ['AWS::CloudWatch::Alarm'] });
    const ev = run([rule({ check: { inbound: 'monitors', count: { gte: 1 } } })], [prodB('a', 30)], { errors: [alarmErr] });
    expect(ev.results.filter((r) => r.resource.name === 'a').map(row)).toEqual([['a', 'not-evaluated', "AWS::S3::Bucket 'a': not evaluated, AWS::CloudWatch::Alarm collection was incomplete"]]);
    expect(ev.results.find((r) => r.resource.name === 'a')!.reason).toBe('collection error cloudwatch:DescribeAlarms AccessDenied in 111111111111/us-east-1: denied');
    const without = run([rule({ check: { inbound: 'monitors', count: { gte: 1 } } })], [prodB('a', 30)], { errors: [err({ region: 'eu-west-1' })] });
    expect(without.results.filter((r) => r.resource.name === 'a').map((r) => r.status)).toEqual(['fail']);
  });
});

describe('declarative rules: each item of a spec list', () => {
  // production's classes: [big min 10, small min 1, big min 20]; staging's is not a list.
  const each = (select?: 'first' | 'all', where: Condition | undefined = { item: 'kind', equals: 'big' }) =>
    rule({ requirement: '/environments/*/limits/classes/*', each: { env: 'limits.classes', ...(where ? { where } : {}), ...(select ? { select } : {}) }, check: { path: 'config.days', gte: { item: 'min' } } });
  const located = (ev: ReturnType<typeof run>) => ev.results.map((r) => [r.resource.name, r.status, r.specLocation?.path]);

  it("select first (the default): the first item whose `where` holds decides, located at the item's index", () => {
    const ev = run([each()], [prodB('p15', 15), prodB('p5', 5), prodB('pnone'), stgB('s', 100), res(BUCKET, 'orphan', { config: { days: 1 } })]);
    expect(located(ev)).toEqual([
      ['p15', 'pass', '/environments/production/limits/classes/0'],
      ['p5', 'fail', '/environments/production/limits/classes/0'],
      ['pnone', 'not-evaluated', '/environments/production/limits/classes/0'],
    ]);
    expect(ev.results.map((r) => r.message)).toEqual(["AWS::S3::Bucket 'p15': Checked", "AWS::S3::Bucket 'p5': days is 5; production requires at least 10", 'AWS::S3::Bucket \'pnone\': could not evaluate "Checked"']);
    expect(ev.results[1]!.evidence).toEqual({ observed: 5, expected: { gte: 10 } });
    expect(ev.results[2]!.reason).toBe('config.days not collected');
    expect(located(run([each('first')], [prodB('p15', 15)]))).toEqual([['p15', 'pass', '/environments/production/limits/classes/0']]);
  });

  it('without `where` the first item decides; a `where` no item meets gives no result', () => {
    expect(located(run([each(undefined, null as never)], [prodB('p5', 5)]))).toEqual([['p5', 'fail', '/environments/production/limits/classes/0']]);
    const small = run([each(undefined, { item: 'kind', equals: 'small' })], [prodB('p5', 5)]);
    expect(located(small)).toEqual([['p5', 'pass', '/environments/production/limits/classes/1']]);
    expect(run([each('all', { item: 'kind', equals: 'huge' })], [prodB('p5', 5)]).results).toEqual([]);
    expect(run([each('first', { item: 'kind', equals: 'huge' })], [prodB('p5', 5)]).results).toEqual([]);
  });

  it('select all: every matching item is checked; the first failing one is reported, a pass at the first item', () => {
    const ev = run([each('all')], [prodB('p15', 15), prodB('p25', 25), prodB('p5', 5)]);
    expect(located(ev)).toEqual([
      ['p15', 'fail', '/environments/production/limits/classes/2'],
      ['p25', 'pass', '/environments/production/limits/classes/0'],
      ['p5', 'fail', '/environments/production/limits/classes/0'],
    ]);
    expect(ev.results.map((r) => r.message)).toEqual(["AWS::S3::Bucket 'p15': days is 15; production requires at least 20", "AWS::S3::Bucket 'p25': Checked", "AWS::S3::Bucket 'p5': days is 5; production requires at least 10"]);
    expect(ev.results[0]!.evidence).toEqual({ observed: 15, expected: { gte: 20 } });
  });

  it('select all: a failing item outranks an unknown one before or after it; unknown outranks a pass', () => {
    // An item with `size: true` also needs config.size, which the bucket lacks: unknown.
    const check: Condition = { all: [{ path: 'config.days', gte: { item: 'min' } }, { any: [{ item: 'size', equals: false }, { path: 'config.size', gte: 1 }] }] };
    const withClasses = (classes: unknown[]) => limitsSpec((s) => void ((s.environments.production as unknown as { limits: unknown }).limits = { classes }));
    const all = rule({ requirement: '/environments/*/limits/classes/*', each: { env: 'limits.classes', select: 'all' }, check });
    const rows = (classes: unknown[]) => run([all], [prodB('p5', 5)], { spec: withClasses(classes) }).results.map((r) => [r.status, r.specLocation?.path, r.message]);
    const pass = { min: 1, size: false };
    const unknown = { min: 1, size: true };
    const fail = { min: 10, size: false };
    const failed = "AWS::S3::Bucket 'p5': days is 5; production requires at least 10";
    expect(rows([pass, unknown, fail])).toEqual([['fail', '/environments/production/limits/classes/2', failed]]);
    expect(rows([fail, unknown])).toEqual([['fail', '/environments/production/limits/classes/0', failed]]);
    expect(rows([fail, pass, { min: 20, size: false }])).toEqual([['fail', '/environments/production/limits/classes/0', failed]]);
    expect(rows([pass, unknown, unknown])).toEqual([['not-evaluated', '/environments/production/limits/classes/1', 'AWS::S3::Bucket \'p5\': could not evaluate "Checked"']]);
    expect(rows([pass, pass])).toEqual([['pass', '/environments/production/limits/classes/0', "AWS::S3::Bucket 'p5': Checked"]]);
    const ne = run([all], [prodB('p5', 5)], { spec: withClasses([pass, unknown]) }).results[0]!;
    expect(ne.reason).toBe('config.size not collected');
    // The unknown item's evidence: the comparisons of its `any`.
    expect(ne.evidence).toEqual({ observed: { 'item:size': true, 'config.size': undefined }, expected: { 'item:size': { equals: false }, 'config.size': { gte: 1 } } });
  });

  it('a resource whose environment has no list, or none, gets no result', () => {
    expect(run([each('all')], [stgB('s', 100), res(BUCKET, 'orphan', { config: { days: 100 } })]).results).toEqual([]);
  });
});

describe('declarative rules: summary mode', () => {
  it('passes are counted per environment; fails and not-evaluated results are kept', () => {
    const ev = run([rule({ check })], [prodB('a', 30), prodB('a2', 31), prodB('b', 3), prodB('c'), stgB('s', 8)], { passes: 'summary' });
    expect(ev.results.map((r) => [r.resource.name, r.status])).toEqual([
      ['b', 'fail'],
      ['c', 'not-evaluated'],
    ]);
    expect(ev.passCounts).toEqual([
      { ruleId: 'r', environment: 'production', passes: 2 },
      { ruleId: 'r', environment: 'staging', passes: 1 },
    ]);
  });
});

describe('declarative rules: summary mode with each', () => {
  it('select first and all: passes counted, the failing item still reported with its index', () => {
    const each = (select: 'first' | 'all') => rule({ requirement: '/environments/*/limits/classes/*', each: { env: 'limits.classes', where: { item: 'kind', equals: 'big' }, select }, check: { path: 'config.days', gte: { item: 'min' } } });
    const resources = [prodB('p15', 15), prodB('p25', 25), prodB('p5', 5)];
    const first = run([each('first')], resources, { passes: 'summary' });
    expect(first.results.map((r) => [r.resource.name, r.status, r.specLocation?.path])).toEqual([['p5', 'fail', '/environments/production/limits/classes/0']]);
    expect(first.passCounts).toEqual([{ ruleId: 'r', environment: 'production', passes: 2 }]);
    const all = run([each('all')], resources, { passes: 'summary' });
    expect(all.results.map((r) => [r.resource.name, r.status, r.specLocation?.path])).toEqual([
      ['p15', 'fail', '/environments/production/limits/classes/2'],
      ['p5', 'fail', '/environments/production/limits/classes/0'],
    ]);
    expect(all.passCounts).toEqual([{ ruleId: 'r', environment: 'production', passes: 1 }]);
  });
});

describe('declarative rules: failure messages', () => {
  it("the comparison's template, else the rule's, else the plain words; no comparison at all names the title", () => {
    const own: Condition = { path: 'config.days', gte: 10, message: '{name} keeps {observed} days' };
    expect(run([rule({ check: own, message: 'rule words' })], [prodB('a', 3)]).results.map((r) => r.message)).toEqual(["AWS::S3::Bucket 'a': a keeps 3 days"]);
    expect(run([rule({ check: { path: 'config.days', gte: 10 }, message: 'too short in {environment}' })], [prodB('a', 3)]).results.map((r) => r.message)).toEqual(["AWS::S3::Bucket 'a': too short in production"]);
    expect(run([rule({ check: { any: [] } })], [prodB('a', 3)]).results.map((r) => r.message)).toEqual(['AWS::S3::Bucket \'a\' fails "Checked"']);
  });
});

describe('declarative rules: what is judged, more', () => {
  it('an `each` rule reads the environment even when its check and `where` do not: an unattributed resource gets no result', () => {
    // The applicability is unknown for both (no config.enabled): only the attributed one says so.
    const r = rule({ requirement: '/environments/*/limits/classes/*', applicability: { path: 'config.enabled', equals: true }, each: { env: 'limits.classes' }, check: { path: 'config.days', gte: 10 } });
    const ev = run([r], [res(BUCKET, 'orphan', { config: { days: 1 } }), prodB('p', 1)]);
    expect(ev.results.map(row)).toEqual([['p', 'not-evaluated', 'AWS::S3::Bucket \'p\': could not tell whether "Checked" applies']]);
  });

  it("'*' reports the coverage gap of a type that could not be listed at all, though none of its resources is present", () => {
    const listing: CollectionError = { accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'sqs', operation: 'ListQueues', code: 'AccessDenied', message: 'denied', affects: [QUEUE] };
    const ev = run([rule({ types: ['*'], check: { path: 'config.days', gte: 10 } })], [prodB('a', 30)], { errors: [listing] });
    expect(ev.results.map(row)).toEqual([
      ['AWS::SQS::Queue in 111111111111/us-east-1', 'not-evaluated', 'AWS::SQS::Queue in account 111111111111 region us-east-1 could not be inventoried; "Checked" not evaluated there'],
      ['a', 'pass', "AWS::S3::Bucket 'a': Checked"],
    ]);
  });
});

describe('declarative rules: collection gaps of inbound relations', () => {
  const ALARM = 'AWS::CloudWatch::Alarm';
  const err = (service: string, affects: string[], region = 'us-east-1'): CollectionError => ({ accountId: PROD_ACCOUNT, region, service, operation: 'List', code: 'AccessDenied', message: 'denied', affects });
  const s3Err = err('s3', [BUCKET]);
  const alarmErr = err('cloudwatch', [ALARM]);
  const judged = (ev: ReturnType<typeof run>, name: string) => ev.results.filter((r) => r.resource.name === name).map((r) => [r.status, r.message, r.reason]);

  it("a rule reading config and an inbound relation names the resource's own type, and gives every error as the reason", () => {
    const both: Condition = { all: [{ path: 'config.days', gte: 1 }, { inbound: 'monitors', count: { gte: 0 } }] };
    const ev = run([rule({ check: both })], [prodB('a', 30)], { errors: [s3Err, alarmErr] });
    expect(judged(ev, 'a')).toEqual([['not-evaluated', "AWS::S3::Bucket 'a': not evaluated, AWS::S3::Bucket collection was incomplete", 'collection error s3:List AccessDenied in 111111111111/us-east-1: denied; collection error cloudwatch:List AccessDenied in 111111111111/us-east-1: denied']]);
  });

  it('a resource of a type that also carries the relation: its own errors are given once, and count for the relation when the rule reads no config', () => {
    const alarm = prod(ALARM, 'al', { config: { days: 30 } });
    const withConfig = run([rule({ types: [ALARM], check: { all: [{ path: 'config.days', gte: 1 }, { inbound: 'monitors', count: { gte: 0 } }] } })], [alarm], { errors: [alarmErr] });
    expect(judged(withConfig, 'al')).toEqual([['not-evaluated', "AWS::CloudWatch::Alarm 'al': not evaluated, AWS::CloudWatch::Alarm collection was incomplete", 'collection error cloudwatch:List AccessDenied in 111111111111/us-east-1: denied']]);
    const inboundOnly = run([rule({ types: [ALARM], check: { inbound: 'monitors', count: { gte: 0 } } })], [alarm], { errors: [alarmErr] });
    expect(judged(inboundOnly, 'al')).toEqual([['not-evaluated', "AWS::CloudWatch::Alarm 'al': not evaluated, AWS::CloudWatch::Alarm collection was incomplete", 'collection error cloudwatch:List AccessDenied in 111111111111/us-east-1: denied']]);
  });

  it("a source type's error in another region leaves the resource judged", () => {
    const ev = run([rule({ check: { inbound: 'monitors', count: { gte: 1 } } })], [prodB('a', 30)], { errors: [err('cloudwatch', [ALARM], 'eu-west-1')] });
    expect(judged(ev, 'a')).toEqual([['fail', "AWS::S3::Bucket 'a': number of inbound monitors is 0; production requires at least 1", undefined]]);
  });

  it('several relations: every type carrying them is named, sorted', () => {
    const two: Condition = { all: [{ inbound: 'logs-to', count: { gte: 0 } }, { inbound: 'monitors', count: { gte: 0 } }] };
    const ev = run([rule({ check: two })], [prodB('a', 30)], { errors: [err('cloudfront', ['AWS::CloudFront::Distribution'])] });
    expect(judged(ev, 'a')).toEqual([['not-evaluated', "AWS::S3::Bucket 'a': not evaluated, AWS::ApiGateway::Stage, AWS::CloudFront::Distribution, AWS::CloudWatch::Alarm, AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::S3::Bucket collection was incomplete", 'collection error cloudfront:List AccessDenied in 111111111111/us-east-1: denied']]);
  });
});

describe('declarative rules: which comparison words a failure', () => {
  const msg = (check: Condition, r: Resource = prodB('a', 3, { config: { days: 3, size: 0, enabled: true } })) => run([rule({ check })], [r]).results.map((x) => [x.status, x.message, x.evidence]);

  it('the failing comparison, not a passing one before it; the evidence is the failing one only', () => {
    expect(msg({ all: [{ path: 'config.enabled', equals: true }, { path: 'config.days', gte: 10 }] })).toEqual([['fail', "AWS::S3::Bucket 'a': days is 3; production requires at least 10", { observed: 3, expected: { gte: 10 } }]]);
  });

  it("of failing comparisons sharing a message, the resource's own value, not a spec or item value", () => {
    const group: Condition = { any: [{ env: 'limits.days', lt: 10 }, { path: 'config.days', gte: 10 }], message: '{observed} days' };
    expect(msg(group).map((r) => r[1])).toEqual(["AWS::S3::Bucket 'a': 3 days"]);
    // Without a message of its own, the comparisons share none: the same choice.
    expect(msg({ any: [{ env: 'limits.days', lt: 10 }, { path: 'config.days', gte: 10 }] }).map((r) => r[1])).toEqual(["AWS::S3::Bucket 'a': days is 3; production requires at least 10"]);
  });

  it('a comparison with a message of its own decides over a later one with another', () => {
    const check: Condition = { any: [{ env: 'limits.days', lt: 10, message: 'the spec keeps {observed}' }, { path: 'config.days', gte: 10, message: 'the bucket keeps {observed}' }] };
    expect(msg(check).map((r) => r[1])).toEqual(["AWS::S3::Bucket 'a': the spec keeps 30"]);
  });

  it("a tag key containing 'env:' is still the resource's own value", () => {
    const r = prodB('a', 3, { tags: { Environment: 'production', 'org:env:tier': 'gold' } });
    const group: Condition = { any: [{ env: 'limits.days', lt: 10 }, { path: 'tags.org:env:tier', equals: 'silver' }], message: '{observed} seen' };
    expect(msg(group, r).map((x) => x[1])).toEqual(["AWS::S3::Bucket 'a': gold seen"]);
  });

  it('only spec values failing: the first of them words the failure', () => {
    expect(msg({ env: 'limits.days', lt: 10 }).map((r) => r[1])).toEqual(["AWS::S3::Bucket 'a': env limits.days is 30; production requires less than 10"]);
  });

  it('a passing own comparison in the deciding group is not the one named', () => {
    const group: Condition = { all: [{ path: 'config.enabled', equals: true }, { env: 'limits.days', lt: 10 }], message: '{observed} seen' };
    expect(msg(group).map((r) => r[1])).toEqual(["AWS::S3::Bucket 'a': 30 seen"]);
  });
});

describe('declarative rules: each, more', () => {
  const classesIn = (prodClasses: unknown, stgClasses: unknown) =>
    limitsSpec((s) => {
      (s.environments.production as unknown as { limits: unknown }).limits = { classes: prodClasses };
      (s.environments.staging as unknown as { limits: unknown }).limits = { classes: stgClasses };
    });
  const each = (over: Partial<Rule['each'] & object> = {}) => rule({ requirement: '/environments/*/limits/classes/*', each: { env: 'limits.classes', ...over }, check: { path: 'config.days', gte: { item: 'min' } } });
  const located = (ev: ReturnType<typeof run>) => ev.results.map((r) => [r.resource.name, r.status, r.specLocation?.path, r.message]);

  it('a spec value that is not a list gives no result, even without `where`', () => {
    expect(run([each()], [stgB('s', 100)]).results).toEqual([]);
  });

  it("each environment's item is located in that environment's list", () => {
    const ev = run([each({ select: 'all' })], [prodB('p', 5), stgB('s', 5)], { spec: classesIn([{ min: 10 }], [{ min: 1 }, { min: 20 }]) });
    expect(located(ev)).toEqual([
      ['p', 'fail', '/environments/production/limits/classes/0', "AWS::S3::Bucket 'p': days is 5; production requires at least 10"],
      ['s', 'fail', '/environments/staging/limits/classes/1', "AWS::S3::Bucket 's': days is 5; staging requires at least 20"],
    ]);
    // The same index in both environments.
    const same = run([each()], [prodB('p', 5), stgB('s', 5)], { spec: classesIn([{ min: 10 }], [{ min: 20 }]) });
    expect(located(same).map((r) => r.slice(0, 3))).toEqual([
      ['p', 'fail', '/environments/production/limits/classes/0'],
      ['s', 'fail', '/environments/staging/limits/classes/0'],
    ]);
  });

  it('summary mode, select first: the first item whose `where` holds decides, a later one; none holding gives nothing', () => {
    const small = each({ where: { item: 'kind', equals: 'small' } });
    const ev = run([small], [prodB('p0', 0), prodB('p1', 1)], { passes: 'summary' });
    expect(located(ev)).toEqual([['p0', 'fail', '/environments/production/limits/classes/1', "AWS::S3::Bucket 'p0': days is 0; production requires at least 1"]]);
    expect(ev.passCounts).toEqual([{ ruleId: 'r', environment: 'production', passes: 1 }]);
    // A `where` an absent item would meet (no `kind`) still selects only items of the list.
    const kindless = run([each({ where: { item: 'kind', exists: false } })], [prodB('p0', 0)], { passes: 'summary', spec: classesIn([{ kind: 'big', min: 1 }], []) });
    expect(kindless.results).toEqual([]);
    expect(kindless.passCounts).toEqual([]);
    for (const select of ['first', 'all'] as const) {
      const none = run([each({ select, where: { item: 'kind', equals: 'huge' } })], [prodB('p0', 0), prodB('p1', 1)], { passes: 'summary' });
      expect(none.results, select).toEqual([]);
      expect(none.passCounts, select).toEqual([]);
    }
  });

  it('summary mode: a check that reads no item still counts nothing where no item is selected', () => {
    const r = rule({ requirement: '/environments/*/limits/classes/*', each: { env: 'limits.classes', where: { item: 'kind', equals: 'huge' } }, check: { path: 'config.days', gte: 1 } });
    const ev = run([r], [prodB('p', 30)], { passes: 'summary' });
    expect(ev.results).toEqual([]);
    expect(ev.passCounts).toEqual([]);
  });
});

describe('declarative rules: summary mode with unreadable tags', () => {
  // The tags of a1 and a2 could not be read: their passes are listed (then settled as
  // not-evaluated), the others' counted; a1 is its type's first resource.
  const tagsErr = (name: string): CollectionError => ({ accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'tagging', operation: 'GetResources', code: 'AccessDenied', message: 'denied', affects: ['tags:' + BUCKET], resourceArn: prodB(name).arn });
  const resources = [prodB('a1', 30), prodB('a2', 30), prodB('b', 30), prodB('c', 30), prodB('d', 3)];
  const unreadable = (name: string) => [name, 'not-evaluated', `"Checked" not evaluated on AWS::S3::Bucket '${name}': its tags could not be read`, '/environments/production/limits'];
  const rows = (ev: ReturnType<typeof run>) => ev.results.map((r) => [...row(r), r.specLocation?.path]);

  it('a plain rule: the passes of unreadable resources are judged and settled, the others counted', () => {
    const ev = run([rule({ check })], resources, { passes: 'summary', errors: [tagsErr('a1'), tagsErr('a2')] });
    expect(rows(ev)).toEqual([unreadable('a1'), unreadable('a2'), ['d', 'fail', "AWS::S3::Bucket 'd': days is 3; production requires at least 30", '/environments/production/limits']]);
    expect(ev.passCounts).toEqual([{ ruleId: 'r', environment: 'production', passes: 2 }]);
  });

  it('an unreadable resource after readable ones, and one of each rule', () => {
    const ev = run([rule({ check })], resources, { passes: 'summary', errors: [tagsErr('c')] });
    expect(rows(ev)).toEqual([unreadable('c'), ['d', 'fail', "AWS::S3::Bucket 'd': days is 3; production requires at least 30", '/environments/production/limits']]);
    expect(ev.passCounts).toEqual([{ ruleId: 'r', environment: 'production', passes: 3 }]);
    const each = rule({ requirement: '/environments/*/limits/classes/*', each: { env: 'limits.classes', where: { item: 'kind', equals: 'big' } }, check: { path: 'config.days', gte: { item: 'min' } } });
    const evEach = run([each], resources, { passes: 'summary', errors: [tagsErr('a1'), tagsErr('c')] });
    expect(rows(evEach)).toEqual([
      [...unreadable('a1').slice(0, 3), '/environments/production/limits/classes/0'],
      [...unreadable('c').slice(0, 3), '/environments/production/limits/classes/0'],
      ['d', 'fail', "AWS::S3::Bucket 'd': days is 3; production requires at least 10", '/environments/production/limits/classes/0'],
    ]);
    expect(evEach.passCounts).toEqual([{ ruleId: 'r', environment: 'production', passes: 2 }]);
  });

  it('an each rule selecting no item counts nothing for the resources after an unreadable one', () => {
    const none = rule({ requirement: '/environments/*/limits/classes/*', each: { env: 'limits.classes', where: { item: 'kind', equals: 'huge' } }, check: { path: 'config.days', gte: 1 } });
    const ev = run([none], resources, { passes: 'summary', errors: [tagsErr('a1')] });
    expect(ev.passCounts).toEqual([]);
  });
});

describe('declarative rules: windows of positions (a sharded scan)', () => {
  // Buckets and queues alternate in snapshot order (positions 0..5: B Q B Q B Q).
  const at = (type: string, n: number, days: number) => prod(type, `${type === BUCKET ? 'b' : 'q'}${n}`, { arn: `arn:aws:test:us-east-1:${PROD_ACCOUNT}:r/${n}`, config: { days } });
  const resources = [at(BUCKET, 0, 30), at(QUEUE, 1, 3), at(BUCKET, 2, 3), at(QUEUE, 3, 30), at(BUCKET, 4, 30), at(QUEUE, 5, 3)];
  const windowed = (bounds: number[][]) => {
    const ctx = buildContext(loaded(limitsSpec()), snapshot(resources), NOW);
    const ev = evaluateWithContext(ctx, [rule({ types: [BUCKET, QUEUE], check })], {}, { declarativeWindows: (judge) => bounds.forEach(([from, to]) => judge(from!, to!)) });
    return ev.results.map((r) => [r.resource.name, r.status]);
  };
  // A rule's results come sorted by ARN: here, position order.
  const all = [
    ['b0', 'pass'],
    ['q1', 'fail'],
    ['b2', 'fail'],
    ['q3', 'pass'],
    ['b4', 'pass'],
    ['q5', 'fail'],
  ];

  it('each resource is judged once, in the window holding its position', () => {
    expect(run([rule({ types: [BUCKET, QUEUE], check })], resources).results.map((r) => [r.resource.name, r.status])).toEqual(all);
    expect(windowed([[0, 6]])).toEqual(all);
    expect(windowed([[0, 1], [1, 3], [3, 6]])).toEqual(all);
    expect(windowed([[0, 2], [2, 3], [3, 4], [4, 5], [5, 6]])).toEqual(all);
    expect(windowed([[0, 3], [3, Infinity]])).toEqual(all);
  });

  it('a window judges only its own positions', () => {
    expect(windowed([[1, 2]])).toEqual([['q1', 'fail']]);
    expect(windowed([[2, 5]])).toEqual([['b2', 'fail'], ['q3', 'pass'], ['b4', 'pass']]);
    expect(windowed([[4, 6]])).toEqual([['b4', 'pass'], ['q5', 'fail']]);
  });
});
