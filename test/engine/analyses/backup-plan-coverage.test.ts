// backup-plan-coverage beyond the rule cases: the selection operators and patterns, the
// evidence of passes and failures, what leaves a resource not evaluated, and summary mode.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../helpers.js';

const RULE = loadRules().find((r) => r.meta.id === 'backup-plan-coverage')!;
const DB = 'AWS::RDS::DBInstance';
const PLAN = 'AWS::Backup::BackupPlan';
const ACCOUNT = '111111111111';
const PATH = '/environments/production/backups/planCoverage';
const dbArn = (id: string) => `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`;
const planArn = (name: string) => `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${name}`;
const db = (name: string, tags: Record<string, string> = {}) => prod(DB, name, { arn: dbArn(name), tags: { Environment: 'production', ...tags } });
const sel = (name: string, over: Record<string, unknown> = {}) => ({ selectionId: name, name, resources: [], notResources: [], listOfTags: [], conditions: [], ...over });
const plan = (name: string, selections: unknown[] | undefined, rules: unknown[] = [{ name: 'daily', deleteAfterDays: 35 }], over: Partial<Resource> = {}) =>
  prod(PLAN, name, { arn: planArn(name), config: { planId: name, rules, ...(selections ? { selections } : {}) }, ...over });
const cond = (operator: string, key: string, value: string) => ({ operator, key, value });

function run(resources: Resource[], days?: number, errors: CollectionError[] = [], passes: 'all' | 'summary' = 'all') {
  const spec = baseSpec();
  spec.environments.production!.backups = { planCoverage: [DB], ...(days !== undefined ? { planRetentionDays: days } : {}) };
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULE], now: NOW, passes });
  const by = Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
  return { by, passCounts: ev.passCounts };
}
const statuses = (resources: Resource[]) => Object.fromEntries(Object.entries(run(resources).by).map(([n, o]) => [n, o.status]));

describe('backup-plan-coverage selections', () => {
  it('condition operators on tags, by aws:ResourceTag/ key or bare key', () => {
    const dbs = [db('db-a', { Tier: 'gold' }), db('db-b', { Tier: 'silver' }), db('db-c')];
    const only = (c: ReturnType<typeof cond>) => statuses([...dbs, plan('p', [sel('s', { conditions: [c] })])]);
    expect(only(cond('StringEquals', 'aws:ResourceTag/Tier', 'gold'))).toEqual({ 'db-a': 'pass', 'db-b': 'fail', 'db-c': 'fail' });
    expect(only(cond('StringNotEquals', 'aws:ResourceTag/Tier', 'gold'))).toEqual({ 'db-a': 'fail', 'db-b': 'pass', 'db-c': 'pass' });
    expect(only(cond('StringLike', 'aws:ResourceTag/Tier', 's?lv*'))).toEqual({ 'db-a': 'fail', 'db-b': 'pass', 'db-c': 'fail' });
    expect(only(cond('StringNotLike', 'aws:ResourceTag/Tier', 'g*'))).toEqual({ 'db-a': 'fail', 'db-b': 'pass', 'db-c': 'pass' });
    expect(only(cond('StringEqualsIgnoreCase', 'aws:ResourceTag/Tier', 'gold'))).toEqual({ 'db-a': 'fail', 'db-b': 'fail', 'db-c': 'fail' });
    // In ListOfTags the key is bare.
    expect(statuses([...dbs, plan('p', [sel('s', { listOfTags: [cond('StringEquals', 'Tier', 'silver')] })])])).toEqual({ 'db-a': 'fail', 'db-b': 'pass', 'db-c': 'fail' });
  });

  it('patterns: * any run, ? one character only in StringLike, every other character literal', () => {
    const dbs = [db('db.1'), db('dbx1'), db('db?1'), db('db-long-1')];
    expect(statuses([...dbs, plan('p', [sel('s', { resources: [dbArn('db.1')] })])])).toEqual({ 'db.1': 'pass', dbx1: 'fail', 'db?1': 'fail', 'db-long-1': 'fail' });
    // '?' in an ARN pattern is a question mark.
    expect(statuses([...dbs, plan('p', [sel('s', { resources: [dbArn('db?1')] })])])).toEqual({ 'db.1': 'fail', dbx1: 'fail', 'db?1': 'pass', 'db-long-1': 'fail' });
    expect(statuses([...dbs, plan('p', [sel('s', { resources: [dbArn('db*1')] })])])).toEqual({ 'db.1': 'pass', dbx1: 'pass', 'db?1': 'pass', 'db-long-1': 'pass' });
    // Anchored: a pattern naming a prefix selects only the whole ARN.
    expect(statuses([...dbs, plan('p', [sel('s', { resources: [`arn:aws:rds:us-east-1:${ACCOUNT}:db:db`] })])])).toEqual({ 'db.1': 'fail', dbx1: 'fail', 'db?1': 'fail', 'db-long-1': 'fail' });
    const tagged = [db('t-1', { Name: 'a.b' }), db('t-2', { Name: 'axb' })];
    expect(statuses([...tagged, plan('p', [sel('s', { conditions: [cond('StringLike', 'aws:ResourceTag/Name', 'a.b')] })])])).toEqual({ 't-1': 'pass', 't-2': 'fail' });
  });

  it('a missing tag is never like a pattern and always not like it; ? is one character in StringNotLike; values may span lines', () => {
    const dbs = [db('db-s', { Tier: 'silver' }), db('db-none'), db('db-nl', { Tier: 'a\nb' })];
    const only = (c: ReturnType<typeof cond>) => statuses([...dbs, plan('p', [sel('s', { conditions: [c] })])]);
    expect(only(cond('StringLike', 'aws:ResourceTag/Tier', '*'))).toEqual({ 'db-s': 'pass', 'db-none': 'fail', 'db-nl': 'pass' });
    expect(only(cond('StringNotLike', 'aws:ResourceTag/Tier', '*'))).toEqual({ 'db-s': 'fail', 'db-none': 'pass', 'db-nl': 'fail' });
    expect(only(cond('StringNotLike', 'aws:ResourceTag/Tier', 's?lver'))).toEqual({ 'db-s': 'fail', 'db-none': 'pass', 'db-nl': 'pass' });
    expect(only(cond('StringLike', 'aws:ResourceTag/Tier', 'a*b'))).toEqual({ 'db-s': 'fail', 'db-none': 'fail', 'db-nl': 'pass' });
  });

  it('a NotResources pattern reads ? as itself', () => {
    expect(statuses([db('dbx1'), db('db?1'), plan('p', [sel('all', { notResources: [dbArn('db?1')] })])])).toEqual({ dbx1: 'pass', 'db?1': 'fail' });
  });

  it('no Resources and no ListOfTags selects everything the conditions keep; NotResources excludes', () => {
    expect(statuses([db('db-a'), db('db-b'), plan('p', [sel('all', { notResources: [dbArn('db-b')] })])])).toEqual({ 'db-a': 'pass', 'db-b': 'fail' });
  });
});

describe('backup-plan-coverage outcomes', () => {
  it('a pass lists every plan covering it; the first by ARN names it', () => {
    const { by } = run([db('db-a'), plan('zeta', [sel('z')]), plan('alpha', [sel('a')]), plan('empty', [sel('e')], [])], 30);
    expect(by['db-a']).toEqual({
      status: 'pass',
      message: "AWS::RDS::DBInstance 'db-a': backed up by plan 'alpha' (selection 'a')",
      evidence: { observed: { plans: [{ plan: planArn('alpha'), selection: 'a' }, { plan: planArn('zeta'), selection: 'z' }] }, expected: 'selected by a backup plan with a rule keeping recovery points at least 30 days' },
      reason: undefined,
      path: PATH,
    });
    expect(run([db('db-a'), plan('p', [sel('s')])]).by['db-a']!.evidence.expected).toBe('selected by a backup plan with a rule');
  });

  it('one rule keeping recovery points long enough is enough, the bound inclusive', () => {
    expect(run([db('db-a'), plan('p', [sel('s')], [{ name: 'w', deleteAfterDays: 7 }, { name: 'm', deleteAfterDays: 30 }])], 30).by['db-a']!.status).toBe('pass');
  });

  it('environments without planCoverage, or without backups, are not judged', () => {
    const spec = baseSpec();
    spec.environments.production!.backups = { maxSnapshotAgeDays: 7 };
    const stg = prod(DB, 'stg', { arn: 'arn:aws:rds:us-east-1:222222222222:db:stg', accountId: '222222222222', tags: { Environment: 'staging' } });
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([db('db-a'), stg]), rules: [RULE], now: NOW });
    expect(ev.results).toEqual([]);
  });

  it('a failure lists what selects it, with its number of rules, and the longest retention', () => {
    const { by } = run([db('db-a'), plan('short', [sel('s')], [{ name: 'w', deleteAfterDays: 7 }, { name: 'd', deleteAfterDays: 14 }]), plan('bare', [sel('b')], [])], 30);
    expect(by['db-a']).toEqual({
      status: 'fail',
      message: "AWS::RDS::DBInstance 'db-a': plan 'short' keeps recovery points 14 days; production requires an AWS Backup plan keeping recovery points at least 30 days",
      evidence: { observed: { plans: [{ plan: planArn('bare'), selection: 'b', rules: 0 }, { plan: planArn('short'), selection: 's', rules: 2 }] }, expected: 'selected by a backup plan with a rule keeping recovery points at least 30 days' },
      reason: undefined,
      path: PATH,
    });
    // A plan of another account or region selects nothing here.
    const away = run([db('db-a'), plan('other', [sel('o')], undefined, { accountId: '222222222222', arn: 'arn:aws:backup:us-east-1:222222222222:backup-plan:other' }), plan('eu', [sel('e')], undefined, { region: 'eu-west-1', arn: 'arn:aws:backup:eu-west-1:111111111111:backup-plan:eu' })]);
    expect(away.by['db-a']).toMatchObject({ status: 'fail', message: "AWS::RDS::DBInstance 'db-a': no backup plan of its account and region selects it; production requires an AWS Backup plan", evidence: { observed: { plans: [] } } });
  });

  it('not evaluated: the plan errors and every plan whose selections were not read', () => {
    const err: CollectionError = { accountId: ACCOUNT, region: 'us-east-1', service: 'backup', operation: 'ListBackupPlans', code: 'AccessDenied', message: 'denied', affects: [PLAN] };
    const { by } = run([db('db-a'), plan('one', undefined), plan('two', undefined)], undefined, [err]);
    expect(by['db-a']).toEqual({
      status: 'not-evaluated',
      message: "AWS::RDS::DBInstance 'db-a': backup plan coverage not evaluated",
      evidence: {},
      reason: "collection error backup:ListBackupPlans AccessDenied in 111111111111/us-east-1: denied; selections of plan 'one', 'two' not collected",
      path: PATH,
    });
    expect(run([db('db-a')], undefined, [err]).by['db-a']!.reason).toBe('collection error backup:ListBackupPlans AccessDenied in 111111111111/us-east-1: denied');
    // A plan that selects it settles the answer whatever else is unknown.
    expect(run([db('db-a'), plan('one', undefined), plan('two', [sel('s')])], undefined, [err]).by['db-a']!.status).toBe('pass');
  });

  it('an unattributed resource and a cluster member are not judged; a non-string clusterId is no cluster', () => {
    const loose = prod(DB, 'loose', { arn: dbArn('loose'), tags: {} });
    const member = prod(DB, 'member', { arn: dbArn('member'), config: { clusterId: 'c-1' } });
    const odd = prod(DB, 'odd', { arn: dbArn('odd'), config: { clusterId: 7 } });
    expect(statuses([loose, member, odd])).toEqual({ odd: 'fail' });
  });

  it('summary mode counts the passes and keeps the failures', () => {
    const { by, passCounts } = run([db('db-a'), db('db-b'), plan('p', [sel('s', { resources: [dbArn('db-a')] })])], undefined, [], 'summary');
    expect(Object.keys(by)).toEqual(['db-b']);
    expect(passCounts).toEqual([{ ruleId: 'backup-plan-coverage', environment: 'production', passes: 1 }]);
  });
});
