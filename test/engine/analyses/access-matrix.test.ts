import { describe, expect, it } from 'vitest';
import { accessMatrixAnalysis, analyseAccess, computeAccessMatrix } from '../../../src/engine/analyses/access-matrix.js';
import type { AccessCell } from '../../../src/model/result.js';
import type { PolicyStatement, Principal } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { context, env, inline, managed, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

const STG = '111111111111';
const PRD = '222222222222';

const resources = [
  resource('arn:aws:s3:::stg-data', 'AWS::S3::Bucket', { accountId: STG, tags: { env: 'staging' } }),
  resource(`arn:aws:dynamodb:eu-west-1:${STG}:table/stg-orders`, 'AWS::DynamoDB::Table', { tags: { env: 'staging' } }),
  resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' } }),
  resource(`arn:aws:dynamodb:eu-west-1:${PRD}:table/prod-orders`, 'AWS::DynamoDB::Table', { tags: { env: 'production' } }),
];

function teamSpec(over: Partial<Spec> = {}): Spec {
  return spec({
    teams: { dev: { principals: [{ name: 'dev-*' }] } },
    access: { ...spec().access, matrix: { dev: { staging: 'deploy', production: 'read' } } },
    ...over,
  });
}

function roleWith(statements: PolicyStatement[], over: Partial<Principal> = {}, account = STG): Principal {
  return principal(`arn:aws:iam::${account}:role/dev-app`, { inlinePolicies: [inline('main', statements)], ...over });
}

function run(input: ContextInput): { cells: AccessCell[]; outcomes: ReturnType<typeof analyseAccess>['outcomes'] } {
  return analyseAccess(context({ spec: teamSpec(), resources, ...input }));
}

function cell(cells: AccessCell[], team: string, environment: string): AccessCell {
  const c = cells.find((x) => x.team === team && x.environment === environment);
  if (c === undefined) throw new Error(`no cell ${team}/${environment}`);
  return c;
}

const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

describe('access matrix: levels and wildcards', () => {
  it('Action * on Resource * is full access in the principal account only', () => {
    const { cells, outcomes } = run({ principals: [roleWith([allow('*', '*', { Sid: 'Admin' })])] });
    expect(cell(cells, 'dev', 'staging').effective).toBe('full');
    expect(cell(cells, 'dev', 'production').effective).toBe('none');
    const fail = outcomes.find((o) => o.status === 'fail');
    expect(fail?.arn).toBe(`arn:aws:iam::${STG}:role/dev-app`);
    expect(fail?.specPath).toBe('/access/matrix/dev/staging');
    expect(fail?.evidence.grants).toEqual([expect.objectContaining({ sid: 'Admin', policy: `inline:arn:aws:iam::${STG}:role/dev-app:main` })]);
    expect(outcomes.find((o) => o.specPath === '/access/matrix/dev/production')?.status).toBe('pass');
  });

  it('s3:Get* is read; s3:* is full (bucket policies are permissions management)', () => {
    const read = run({ principals: [roleWith([allow('s3:Get*', 'arn:aws:s3:::stg-*')])] });
    expect(cell(read.cells, 'dev', 'staging').effective).toBe('read');
    expect(read.outcomes.every((o) => o.status === 'pass')).toBe(true);
    const full = run({ principals: [roleWith([allow('s3:*', 'arn:aws:s3:::stg-data')])] });
    expect(cell(full.cells, 'dev', 'staging').effective).toBe('full');
    expect(cell(full.cells, 'dev', 'staging').grants[0]?.actions.length).toBeGreaterThan(0);
  });

  it('list-only actions give view; write actions give deploy', () => {
    const view = run({ principals: [roleWith([allow(['dynamodb:ListTables', 'dynamodb:DescribeTable'], '*')])] });
    expect(['view', 'read']).toContain(cell(view.cells, 'dev', 'staging').effective);
    const deploy = run({ principals: [roleWith([allow(['dynamodb:PutItem', 'dynamodb:GetItem'], `arn:aws:dynamodb:*:${STG}:table/*`)])] });
    expect(cell(deploy.cells, 'dev', 'staging').effective).toBe('deploy');
  });

  it('a resource ARN naming another account reaches that environment, with a cross-account caveat', () => {
    const { cells, outcomes } = run({ principals: [roleWith([allow('s3:PutObject', 'arn:aws:s3:::prod-data/*', { Sid: 'Leak' })])] });
    const prod = cell(cells, 'dev', 'production');
    expect(prod.effective).toBe('deploy');
    expect(prod.caveats.some((c) => c.includes('across accounts'))).toBe(true);
    const fail = outcomes.find((o) => o.status === 'fail');
    expect(fail?.specPath).toBe('/access/matrix/dev/production');
    expect(fail?.evidence.grants).toEqual([expect.objectContaining({ sid: 'Leak', actions: ['s3:PutObject'] })]);
  });

  it('unknown actions grant nothing and are named in the caveats', () => {
    const { cells } = run({ principals: [roleWith([allow(['s3:GetObject', 's3:NoSuchAction'], '*')])] });
    expect(cell(cells, 'dev', 'staging').caveats.some((c) => c.includes('s3:NoSuchAction'))).toBe(true);
  });
});

describe('access matrix: Deny, NotAction, NotResource, conditions', () => {
  it('an unconditional Deny overrides the Allow', () => {
    const { cells } = run({ principals: [roleWith([allow('s3:*'), { Effect: 'Deny', Action: 's3:*', Resource: '*' }])] });
    expect(cell(cells, 'dev', 'staging').effective).toBe('none');
  });

  it('a Deny on part of the actions lowers the level', () => {
    const { cells } = run({
      principals: [roleWith([allow('dynamodb:*', '*'), { Effect: 'Deny', NotAction: ['dynamodb:Get*', 'dynamodb:List*', 'dynamodb:Describe*', 'dynamodb:Query', 'dynamodb:Scan'], Resource: '*' }])],
    });
    expect(cell(cells, 'dev', 'staging').effective).toBe('read');
  });

  it('a Deny with a Condition is not subtracted and says so', () => {
    const { cells } = run({
      principals: [roleWith([allow('s3:*'), { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }])],
    });
    const c = cell(cells, 'dev', 'staging');
    expect(c.effective).toBe('full');
    expect(c.caveats.some((x) => x.includes('Condition'))).toBe(true);
  });

  it('a Deny covering only some resources of the environment is not subtracted', () => {
    const { cells } = run({ principals: [roleWith([allow('s3:GetObject'), { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::stg-data' }])] });
    const c = cell(cells, 'dev', 'staging');
    expect(c.effective).toBe('read');
    expect(c.caveats.some((x) => x.includes('only some resources'))).toBe(true);
  });

  it('a Deny covering every resource of the environment is subtracted', () => {
    const { cells } = run({
      principals: [roleWith([allow('dynamodb:PutItem', `arn:aws:dynamodb:*:${STG}:table/*`), { Effect: 'Deny', Action: 'dynamodb:*', Resource: ['arn:aws:s3:::stg-*', `arn:aws:dynamodb:*:${STG}:table/*`] }])],
    });
    expect(cell(cells, 'dev', 'staging').effective).toBe('none');
  });

  it('an Allow with a Condition counts as granting, with a caveat', () => {
    const { cells } = run({ principals: [roleWith([allow('s3:GetObject', '*', { Sid: 'Cond', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'dev' } } })])] });
    const c = cell(cells, 'dev', 'staging');
    expect(c.effective).toBe('read');
    expect(c.caveats.some((x) => x.includes('Cond') && x.includes('Condition'))).toBe(true);
  });

  it('Allow NotAction grants everything else and says it was expanded', () => {
    const { cells } = run({ principals: [roleWith([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }])] });
    const c = cell(cells, 'dev', 'staging');
    expect(c.effective).toBe('full');
    expect(c.caveats.some((x) => x.includes('NotAction'))).toBe(true);
  });

  it('Allow NotResource excluding every resource of an environment does not reach it', () => {
    const shared = spec({
      ...teamSpec(),
      environments: { staging: env({ accounts: [{ id: STG }] }), production: env({ accounts: [{ id: STG }] }) },
    });
    const inOne = [
      resource('arn:aws:s3:::stg-data', 'AWS::S3::Bucket', { accountId: STG, tags: { env: 'staging' } }),
      resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: STG, tags: { env: 'production' } }),
    ];
    const { cells } = analyseAccess(
      context({ spec: shared, resources: inOne, principals: [roleWith([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::prod-*', 'arn:aws:s3:::prod-*/*'] }])] }),
    );
    expect(cell(cells, 'dev', 'staging').effective).toBe('read');
    expect(cell(cells, 'dev', 'production').effective).toBe('none');
    expect(cell(cells, 'dev', 'staging').caveats.some((x) => x.includes('NotResource'))).toBe(true);
  });

  it('Resource * reaches every environment that shares the principal account', () => {
    const shared = spec({
      ...teamSpec(),
      environments: { staging: env({ accounts: [{ id: STG }] }), production: env({ accounts: [{ id: STG }] }) },
    });
    const { cells } = analyseAccess(context({ spec: shared, resources: [], principals: [roleWith([allow('ec2:DescribeInstances')])] }));
    expect(cell(cells, 'dev', 'staging').effective).toBe('view');
    expect(cell(cells, 'dev', 'production').effective).toBe('view');
  });
});

describe('access matrix: policy sources and boundaries', () => {
  const adminPolicy = managed(`arn:aws:iam::${STG}:policy/admin`, { Statement: [allow('*', '*', { Sid: 'All' })] });
  const readBoundary = managed(`arn:aws:iam::${STG}:policy/boundary`, { Statement: [allow(['s3:Get*', 's3:List*'])] });

  it('attached managed policies count like inline ones', () => {
    const { cells, outcomes } = run({ principals: [principal(`arn:aws:iam::${STG}:role/dev-app`, { attachedPolicies: [adminPolicy.arn] })], policies: [adminPolicy] });
    expect(cell(cells, 'dev', 'staging').effective).toBe('full');
    expect(outcomes.find((o) => o.status === 'fail')?.evidence.grants).toEqual([expect.objectContaining({ policy: adminPolicy.arn, sid: 'All' })]);
  });

  it('group policies reach the group members', () => {
    const group = principal(`arn:aws:iam::${STG}:group/devs`, { attachedPolicies: [adminPolicy.arn] });
    const user = principal(`arn:aws:iam::${STG}:user/dev-alice`, { groups: [group.arn] });
    const { cells } = run({ principals: [group, user], policies: [adminPolicy] });
    expect(cell(cells, 'dev', 'staging').effective).toBe('full');
  });

  it('a permissions boundary caps the identity policies', () => {
    const { cells } = run({
      principals: [principal(`arn:aws:iam::${STG}:role/dev-app`, { attachedPolicies: [adminPolicy.arn], permissionsBoundary: readBoundary.arn })],
      policies: [adminPolicy, readBoundary],
    });
    expect(cell(cells, 'dev', 'staging').effective).toBe('read');
  });

  it('a policy missing from the snapshot makes the principal not evaluated', () => {
    const { outcomes } = run({ principals: [principal(`arn:aws:iam::${STG}:role/dev-app`, { attachedPolicies: ['arn:aws:iam::aws:policy/Gone'] })] });
    expect(outcomes.map((o) => o.status)).toEqual(['not-evaluated', 'not-evaluated']);
  });

  it('an IAM collection error makes the access not evaluated, never a pass', () => {
    const errors = [{ accountId: STG, region: 'global', service: 'iam', operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied', message: 'denied', affects: ['iam-policies'] }];
    const { outcomes } = run({ principals: [roleWith([])], errors });
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.status === 'not-evaluated' && (o.reason ?? '').includes('AccessDenied'))).toBe(true);
  });
});

describe('access matrix: teams', () => {
  const base = { Statement: [allow('s3:GetObject')] };

  it('matches principals by arn pattern, name pattern and tag; groups bring their members', () => {
    const s = teamSpec({
      teams: {
        byArn: { principals: [{ arn: `arn:aws:iam::${STG}:role/ci-*` }] },
        byName: { principals: [{ name: 'ops-?' }] },
        byTag: { principals: [{ tag: { Team: 'data' } }] },
        byGroup: { principals: [{ arn: `arn:aws:iam::${STG}:group/analysts` }] },
      },
    });
    const principals = [
      principal(`arn:aws:iam::${STG}:role/ci-deploy`, { inlinePolicies: [inline('p', base.Statement)] }),
      principal(`arn:aws:iam::${STG}:user/ops-1`, { inlinePolicies: [inline('p', base.Statement)] }),
      principal(`arn:aws:iam::${STG}:role/etl`, { tags: { team: 'data' }, inlinePolicies: [inline('p', base.Statement)] }),
      principal(`arn:aws:iam::${STG}:group/analysts`),
      principal(`arn:aws:iam::${STG}:user/ann`, { groups: [`arn:aws:iam::${STG}:group/analysts`], inlinePolicies: [inline('p', base.Statement)] }),
    ];
    const { outcomes } = analyseAccess(context({ spec: s, resources, principals }));
    const arnsOf = (team: string): string[] => [...new Set(outcomes.filter((o) => o.evidence.team === team).map((o) => o.arn))];
    expect(arnsOf('byArn')).toEqual([`arn:aws:iam::${STG}:role/ci-deploy`]);
    expect(arnsOf('byName')).toEqual([`arn:aws:iam::${STG}:user/ops-1`]);
    expect(arnsOf('byTag')).toEqual([`arn:aws:iam::${STG}:role/etl`]);
    expect(arnsOf('byGroup')).toEqual([`arn:aws:iam::${STG}:user/ann`]);
  });

  it('a team that matches no principal is not evaluated', () => {
    const { outcomes, cells } = run({ principals: [] });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'not-evaluated', arn: 'envgate:team/dev', specPath: '/teams/dev/principals' })]);
    expect(cells.map((c) => `${c.team}/${c.environment}/${c.effective}`)).toEqual(['dev/production/none', 'dev/staging/none']);
  });

  it('a missing matrix entry is declared none; cells are sorted by team then environment', () => {
    const s = teamSpec({ teams: { zeta: { principals: [{ name: 'dev-*' }] }, alpha: { principals: [{ name: 'dev-*' }] } } });
    const ctx = context({ spec: s, resources, principals: [roleWith([allow('s3:GetObject')])] });
    const cells = computeAccessMatrix(ctx);
    expect(cells.map((c) => `${c.team}/${c.environment}`)).toEqual(['alpha/production', 'alpha/staging', 'zeta/production', 'zeta/staging']);
    expect(cells.every((c) => c.declared === 'none')).toBe(true);
    const report = accessMatrixAnalysis.run(ctx, {});
    const outcomes = Array.isArray(report) ? report : report.outcomes;
    expect(Array.isArray(report) ? undefined : report.accessMatrix).toEqual(cells);
    expect(outcomes.filter((o) => o.status === 'fail').map((o) => o.specPath)).toEqual(['/access/matrix/alpha/staging', '/access/matrix/zeta/staging']);
  });

  it('is deterministic', () => {
    const input = { principals: [roleWith([allow(['s3:*', 'dynamodb:Get*'])])] };
    expect(JSON.stringify(run(input))).toBe(JSON.stringify(run(input)));
  });
});
