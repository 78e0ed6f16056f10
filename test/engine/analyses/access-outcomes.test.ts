// What the access-matrix analysis reports, whole: each principal's pass, fail and
// not-evaluated outcome with its reference, message and evidence; the cell's effective
// level, grants and caveats; a team matching nobody, with and without IAM errors.
import { describe, expect, it } from 'vitest';
import { analyseAccess } from '../../../src/engine/analyses/access-matrix.js';
import type { PolicyStatement } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { context, inline, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

const STG = '111111111111';
const PRD = '222222222222';
const resources = [
  resource('arn:aws:s3:::stg-data', 'AWS::S3::Bucket', { accountId: STG, tags: { env: 'staging' } }),
  resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' } }),
];
const teamSpec = (over: Partial<Spec> = {}): Spec =>
  spec({ teams: { dev: { principals: [{ name: 'dev-*' }] } }, access: { ...spec().access, matrix: { dev: { staging: 'deploy', production: 'read' } } }, ...over });
const run = (input: ContextInput) => analyseAccess(context({ spec: teamSpec(), resources, ...input }));
const allow = (Action: string | string[], Resource: string | string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({ Effect: 'Allow', Action, Resource, ...extra });
const iamError = { accountId: STG, region: 'global', service: 'iam', operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied', message: 'denied', affects: ['iam-policies'] };

const ROLE = `arn:aws:iam::${STG}:role/dev-app`;
const USER = `arn:aws:iam::${STG}:user/dev-ann`;
const MAIN = `inline:${ROLE}:main`;
const CROSS = 'reached across accounts: the resource policy, which must also allow it, was not evaluated';
const MISSING = 'policies or groups missing from the snapshot: arn:aws:iam::aws:policy/Gone';
const role = () => principal(ROLE, { tags: { env: 'staging' }, inlinePolicies: [inline('main', [allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::prod-data/*', { Sid: 'W' }), allow('s3:GetObject', 'arn:aws:s3:::stg-data/*')])] });
const user = () => principal(USER, { attachedPolicies: ['arn:aws:iam::aws:policy/Gone'] });
const ref = (type: string, name: string, environment: string | null) => ({ accountId: STG, region: 'global', type, name, environment });
const at = (env: string) => ({ environments: [env], specPath: `/access/matrix/dev/${env}`, qualifier: `dev/${env}` });

describe('access outcomes of each principal', () => {
  it('a fail names the level, the declared one, the categories beyond it and only the grants that lift it', () => {
    const { outcomes } = run({ principals: [role(), user()] });
    expect(outcomes[0]).toEqual({
      arn: ROLE,
      resource: ref('AWS::IAM::Role', 'dev-app', 'staging'),
      ...at('production'),
      status: 'fail',
      message: "AWS::IAM::Role 'dev-app' (team dev): deploy access in production; the access matrix allows dev read there",
      evidence: { team: 'dev', environment: 'production', observed: 'deploy', expected: 'read', categories: ['Read', 'Write'], beyondDeclared: ['Write'], grants: [{ principalArn: ROLE, policy: MAIN, sid: 'W', actions: ['s3:PutObject'] }], caveats: [CROSS] },
    });
  });

  it('a pass names its level within the declared one, with the grants of every granted category', () => {
    const { outcomes } = run({ principals: [role(), user()] });
    expect(outcomes.find((o) => o.arn === ROLE && o.status === 'pass')).toEqual({
      arn: ROLE,
      resource: ref('AWS::IAM::Role', 'dev-app', 'staging'),
      ...at('staging'),
      status: 'pass',
      message: "AWS::IAM::Role 'dev-app' (team dev): read access in staging, within the matrix's deploy",
      evidence: { team: 'dev', environment: 'staging', observed: 'read', expected: 'deploy', categories: ['Read'], grants: [{ principalArn: ROLE, policy: MAIN, actions: ['s3:GetObject'] }], caveats: [] },
    });
  });

  it('a principal whose policies are missing is not evaluated in each environment, with the reason', () => {
    const { outcomes } = run({ principals: [role(), user()] });
    expect(outcomes.filter((o) => o.arn === USER)).toEqual(['production', 'staging'].map((env) => ({
      arn: USER,
      resource: ref('AWS::IAM::User', 'dev-ann', null),
      ...at(env),
      status: 'not-evaluated',
      message: `AWS::IAM::User 'dev-ann' (team dev): access in ${env} could not be computed`,
      evidence: { team: 'dev', environment: env, expected: env === 'production' ? 'read' : 'deploy' },
      reason: MISSING,
    })));
  });
});

describe('access cells', () => {
  it("the cell's level is its members' together, its grants those defining the level, its caveats every member's, sorted", () => {
    const { cells } = run({ principals: [role(), user()] });
    expect(cells).toEqual([
      { team: 'dev', environment: 'production', declared: 'read', effective: 'deploy', grants: [{ principalArn: ROLE, policy: MAIN, sid: 'W', actions: ['s3:PutObject'] }], caveats: [MISSING, CROSS] },
      { team: 'dev', environment: 'staging', declared: 'deploy', effective: 'read', grants: [{ principalArn: ROLE, policy: MAIN, actions: ['s3:GetObject'] }], caveats: [MISSING] },
    ]);
  });

  it('a cell whose only members could not be computed is unknown, not none', () => {
    expect(run({ principals: [user()] }).cells.map((c) => [c.environment, c.effective, c.caveats])).toEqual([
      ['production', 'unknown', [MISSING]],
      ['staging', 'unknown', [MISSING]],
    ]);
  });
});

describe('a team that matches no principal', () => {
  const outcome = (reason: string) => ({
    status: 'not-evaluated',
    arn: 'envgate:team/dev',
    resource: { accountId: '', region: 'global', type: 'envgate::Team', name: 'dev', environment: null },
    message: 'Team dev matches no principal, so its access cannot be checked',
    evidence: { team: 'dev', matchers: [{ name: 'dev-*' }] },
    specPath: '/teams/dev/principals',
    reason,
  });
  const cells = (reason: string) => [
    { team: 'dev', environment: 'production', declared: 'read', effective: 'none', grants: [], caveats: [reason] },
    { team: 'dev', environment: 'staging', declared: 'deploy', effective: 'none', grants: [], caveats: [reason] },
  ];

  it('is not evaluated, naming its matchers', () => {
    const reason = "no principal in the snapshot matches team dev's principal matchers";
    expect(run({ principals: [] })).toEqual({ cells: cells(reason), outcomes: [outcome(reason)] });
  });

  it('says when IAM data was incomplete', () => {
    const reason = `no principal matched team dev; IAM data incomplete: collection error iam:GetAccountAuthorizationDetails AccessDenied in ${STG}/global: denied`;
    expect(run({ principals: [principal(`arn:aws:iam::${STG}:role/other`)], errors: [iamError] })).toEqual({ cells: cells(reason), outcomes: [outcome(reason)] });
  });
});

describe('team members', () => {
  const members = (teams: Spec['teams'], principals: ReturnType<typeof principal>[], errors: ContextInput['errors'] = []) => {
    const { outcomes } = analyseAccess(context({ spec: teamSpec({ teams, access: { ...spec().access, matrix: {} } }), resources, principals, errors }));
    return [...new Set(outcomes.map((o) => `${o.evidence.team as string} ${o.arn} ${o.status}`))];
  };
  const p = (name: string, over: Parameters<typeof principal>[1] = {}) => principal(`arn:aws:iam::${STG}:${name}`, over);

  it('any one matcher suffices; a matcher naming nothing matches nobody; members come sorted by ARN', () => {
    const principals = [p('role/zed'), p('role/ci-a'), p('user/bob')];
    expect(members({ mixed: { principals: [{ name: 'zed' }, { arn: `arn:aws:iam::${STG}:role/ci-*` }] }, empty: { principals: [{}] } }, principals)).toEqual([
      'empty envgate:team/empty not-evaluated',
      `mixed arn:aws:iam::${STG}:role/ci-a pass`,
      `mixed arn:aws:iam::${STG}:role/zed pass`,
    ]);
  });

  it('a tag matcher needs every tag, key in any case; a matched group brings its users, not its roles', () => {
    const principals = [
      p('role/etl', { tags: { TEAM: 'data', tier: 'gold' } }),
      p('role/half', { tags: { team: 'data' } }),
      p('group/analysts', { tags: { team: 'data', tier: 'gold' } }),
      p('user/ann', { groups: [`arn:aws:iam::${STG}:group/analysts`] }),
      p('role/in-group-name', { groups: [`arn:aws:iam::${STG}:group/analysts`] }),
    ];
    expect(members({ data: { principals: [{ tag: { team: 'data', Tier: 'gold' } }] } }, principals)).toEqual([
      `data arn:aws:iam::${STG}:role/etl pass`,
      `data arn:aws:iam::${STG}:user/ann pass`,
    ]);
  });

  it("IAM errors of the principal's account, or of no account, make it not evaluated; other services' errors do not", () => {
    const err = (accountId: string, service: string, affects: string[]) => ({ accountId, region: 'global', service, operation: 'Op', code: 'AccessDenied', message: 'denied', affects });
    const one = [p('role/dev-app')];
    const teams = { dev: { principals: [{ name: 'dev-*' }] } };
    expect(members(teams, one, [err(PRD, 'iam', ['iam-policies']), err(STG, 's3', ['AWS::S3::Bucket'])])).toEqual([`dev arn:aws:iam::${STG}:role/dev-app pass`]);
    expect(members(teams, one, [err('', 'tagging', ['AWS::IAM::Role'])])).toEqual([`dev arn:aws:iam::${STG}:role/dev-app not-evaluated`]);
    expect(members(teams, one, [err('*', 'sts', ['iam-roles'])])).toEqual([`dev arn:aws:iam::${STG}:role/dev-app not-evaluated`]);
  });
});

describe('access edge cases', () => {
  it('a tag matcher on a key the principal lacks matches nothing, even with the pattern *', () => {
    const s = teamSpec({ teams: { dev: { principals: [{ tag: { tier: '*' } }] } } });
    expect(analyseAccess(context({ spec: s, resources, principals: [principal(ROLE)] })).outcomes.map((o) => o.status)).toEqual(['not-evaluated']);
  });

  it('IAM errors are those of the iam service or affecting IAM data, whatever else they affect', () => {
    const err = (service: string, affects: string[]) => ({ accountId: STG, region: 'global', service, operation: 'Op', code: 'AccessDenied', message: 'denied', affects });
    const statusWith = (e: ReturnType<typeof err>) => run({ principals: [principal(ROLE)], errors: [e] }).outcomes.map((o) => o.status);
    expect(statusWith(err('iam', []))).toEqual(['not-evaluated', 'not-evaluated']);
    expect(statusWith(err('tagging', ['AWS::S3::Bucket', 'AWS::IAM::Role']))).toEqual(['not-evaluated', 'not-evaluated']);
    expect(statusWith(err('tagging', ['AWS::S3::Bucket']))).toEqual(['pass', 'pass']);
  });

  it('several missing policies or errors are all named in the reason', () => {
    const two = principal(USER, { attachedPolicies: ['arn:aws:iam::aws:policy/A', 'arn:aws:iam::aws:policy/B'] });
    expect(run({ principals: [two] }).outcomes[0]!.reason).toBe('policies or groups missing from the snapshot: arn:aws:iam::aws:policy/A, arn:aws:iam::aws:policy/B');
    const e = (operation: string) => ({ ...iamError, operation });
    expect(run({ principals: [principal(ROLE)], errors: [e('GetA'), e('GetB')] }).outcomes[0]!.reason).toBe(
      `IAM data incomplete: collection error iam:GetA AccessDenied in ${STG}/global: denied; collection error iam:GetB AccessDenied in ${STG}/global: denied`,
    );
    expect(run({ principals: [], errors: [e('GetA'), e('GetB')] }).outcomes[0]!.reason).toBe(
      `no principal matched team dev; IAM data incomplete: collection error iam:GetA AccessDenied in ${STG}/global: denied; collection error iam:GetB AccessDenied in ${STG}/global: denied`,
    );
  });

  it('a team without a matrix row is declared none in each cell, also when it matches nobody', () => {
    const s = teamSpec({ access: { ...spec().access, matrix: {} } });
    expect(analyseAccess(context({ spec: s, resources, principals: [] })).cells.map((c) => c.declared)).toEqual(['none', 'none']);
  });

  it('access beyond every defined level: the highest level, noted on the outcome and the cell', () => {
    const s = teamSpec();
    s.access.levels = { none: { categories: [] }, read: { categories: ['List', 'Read'] } } as unknown as Spec['access']['levels'];
    s.access.matrix = { dev: { staging: 'read', production: 'read' } };
    const writer = principal(ROLE, { inlinePolicies: [inline('main', [allow('s3:PutObject', 'arn:aws:s3:::stg-data/*')])] });
    const { outcomes, cells } = analyseAccess(context({ spec: s, resources, principals: [writer] }));
    const stg = outcomes.find((o) => o.environments?.[0] === 'staging')!;
    expect([stg.status, stg.message, stg.evidence.note]).toEqual(['fail', "AWS::IAM::Role 'dev-app' (team dev): read access in staging; the access matrix allows dev read there", 'granted categories exceed every defined level']);
    expect(cells.find((c) => c.environment === 'staging')!.caveats).toEqual(['granted categories exceed every defined level']);
  });
});

describe('cell grants', () => {
  it('one entry per principal, policy and Sid, sorted so; the actions of merged statements capped at 6', () => {
    const acts = ['s3:PutObject', 's3:DeleteObject', 's3:RestoreObject', 's3:AbortMultipartUpload', 's3:DeleteObjectVersion', 's3:ReplicateObject', 's3:CreateBucket', 's3:DeleteBucket'];
    const b = principal(`arn:aws:iam::${STG}:role/dev-b`, {
      inlinePolicies: [inline('zz', [allow(acts.slice(0, 4), 'arn:aws:s3:::stg-data/*', { Sid: 'S' }), allow(acts.slice(4), 'arn:aws:s3:::stg-data/*', { Sid: 'S' })]), inline('aa', [allow('s3:PutObject', 'arn:aws:s3:::stg-data/*')])],
    });
    const a = principal(`arn:aws:iam::${STG}:role/dev-a`, { inlinePolicies: [inline('m', [allow('s3:PutObject', 'arn:aws:s3:::stg-data/*', { Sid: 'B' }), allow('s3:DeleteObject', 'arn:aws:s3:::stg-data/*', { Sid: 'A' })])] });
    const grant = (who: string, policy: string, sid: string | undefined, actions: string[]) => ({ principalArn: `arn:aws:iam::${STG}:role/${who}`, policy: `inline:arn:aws:iam::${STG}:role/${who}:${policy}`, ...(sid ? { sid } : {}), actions });
    expect(run({ principals: [b, a] }).cells.find((c) => c.environment === 'staging')).toEqual({
      team: 'dev',
      environment: 'staging',
      declared: 'deploy',
      effective: 'deploy',
      grants: [
        grant('dev-a', 'm', 'A', ['s3:DeleteObject']),
        grant('dev-a', 'm', 'B', ['s3:PutObject']),
        grant('dev-b', 'aa', undefined, ['s3:PutObject']),
        // The two statements of Sid S are one entry; s3:ReplicateObject is past the cap of 6.
        grant('dev-b', 'zz', 'S', ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject', 's3:CreateBucket', 's3:DeleteBucket', 's3:DeleteObjectVersion']),
      ],
      caveats: [],
    });
  });
});
