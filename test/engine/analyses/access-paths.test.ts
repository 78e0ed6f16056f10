// The access matrix through resource policies and role assumption: exact cells and grant
// chains, and the negative cases (a trust policy without the identity grant, a Deny, a
// conditional '*', a cycle, a role whose policies are missing).
import { describe, expect, it } from 'vitest';
import { analyseAccess } from '../../../src/engine/analyses/access-matrix.js';
import { MAX_CHAIN } from '../../../src/engine/analyses/access-paths.js';
import type { AccessCell } from '../../../src/model/result.js';
import type { PolicyStatement, Principal, Resource } from '../../../src/model/snapshot.js';
import { context, inline, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

const STG = '111111111111';
const PRD = '222222222222';
const DEV = `arn:aws:iam::${STG}:role/dev-app`;
const PROD_DEPLOY = `arn:aws:iam::${PRD}:role/prod-deploy`;

const bucket = (over: Partial<Resource> = {}): Resource => resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' }, ...over });
const teamSpec = () => spec({ teams: { dev: { principals: [{ name: 'dev-*' }] } }, access: { ...spec().access, matrix: { dev: { staging: 'deploy', production: 'none' } } } });
const trust = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement }) as unknown as Principal['trustPolicy'];
const role = (arn: string, statements: PolicyStatement[], trustPolicy?: Principal['trustPolicy'], tags: Record<string, string> = {}): Principal =>
  principal(arn, { inlinePolicies: statements.length > 0 ? [inline('main', statements)] : [], tags, ...(trustPolicy !== undefined ? { trustPolicy } : {}) });
const assume = (Resource: string): PolicyStatement => ({ Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource });
const readProd: PolicyStatement = { Sid: 'ReadProd', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data/*' };

function run(input: ContextInput) {
  return analyseAccess(context({ spec: teamSpec(), resources: [bucket()], ...input }));
}
function prodCell(cells: AccessCell[]): AccessCell {
  return cells.find((c) => c.team === 'dev' && c.environment === 'production')!;
}

describe('access through role assumption', () => {
  it('a team role that can assume a production role has its access, with the chain in the grants', () => {
    const dev = role(DEV, [assume(`arn:aws:iam::${PRD}:role/prod-*`)]);
    const target = role(PROD_DEPLOY, [readProd], trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STG}:root` }, Action: 'sts:AssumeRole' }), { env: 'production' });
    const { cells, outcomes } = run({ principals: [dev, target] });
    expect(prodCell(cells)).toMatchObject({ declared: 'none', effective: 'read' });
    expect(prodCell(cells).grants).toEqual([{ principalArn: PROD_DEPLOY, policy: `inline:${PROD_DEPLOY}:main`, sid: 'ReadProd', via: [PROD_DEPLOY], actions: ['s3:GetObject'] }]);
    const fail = outcomes.find((o) => o.arn === DEV && o.specPath === '/access/matrix/dev/production');
    expect(fail?.status).toBe('fail');
    expect(fail?.evidence.beyondDeclared).toEqual(['Read']);
  });

  it('follows chains transitively and stops at cycles', () => {
    const hop = `arn:aws:iam::${STG}:role/hop`;
    const dev = role(DEV, [assume(hop)]);
    const mid = role(hop, [assume(PROD_DEPLOY)], trust({ Effect: 'Allow', Principal: { AWS: DEV }, Action: 'sts:AssumeRole' }));
    // prod-deploy trusts hop, and hop trusts prod-deploy back: a cycle.
    const target = role(PROD_DEPLOY, [readProd, assume(hop)], trust({ Effect: 'Allow', Principal: { AWS: hop }, Action: 'sts:AssumeRole' }));
    const hopBack = { ...mid, trustPolicy: trust({ Effect: 'Allow', Principal: { AWS: [DEV, PROD_DEPLOY] }, Action: 'sts:AssumeRole' }) };
    const { cells } = run({ principals: [dev, hopBack, target] });
    expect(prodCell(cells).grants).toEqual([{ principalArn: PROD_DEPLOY, policy: `inline:${PROD_DEPLOY}:main`, sid: 'ReadProd', via: [hop, PROD_DEPLOY], actions: ['s3:GetObject'] }]);
  });

  it('needs both sides: no identity grant across accounts, a Deny, or a trust policy naming someone else', () => {
    const target = role(PROD_DEPLOY, [readProd], trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STG}:root` }, Action: 'sts:AssumeRole' }));
    const noGrant = run({ principals: [role(DEV, []), target] });
    expect(prodCell(noGrant.cells).effective).toBe('none');
    const denied = run({ principals: [role(DEV, [assume('*'), { Effect: 'Deny', Action: 'sts:*', Resource: PROD_DEPLOY }]), target] });
    expect(prodCell(denied.cells).effective).toBe('none');
    const other = role(PROD_DEPLOY, [readProd], trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STG}:role/ci` }, Action: 'sts:AssumeRole' }));
    expect(prodCell(run({ principals: [role(DEV, [assume('*')]), other] }).cells).effective).toBe('none');
  });

  it('a trust policy naming the principal in its own account needs no identity grant', () => {
    const sameAccount = `arn:aws:iam::${STG}:role/stg-admin`;
    const target = role(sameAccount, [readProd], trust({ Effect: 'Allow', Principal: { AWS: DEV }, Action: 'sts:AssumeRole' }));
    expect(prodCell(run({ principals: [role(DEV, []), target] }).cells).grants[0]?.via).toEqual([sameAccount]);
  });

  it('a reachable role whose policies are missing makes a passing cell not-evaluated', () => {
    const target = principal(PROD_DEPLOY, { attachedPolicies: [`arn:aws:iam::${PRD}:policy/gone`], trustPolicy: trust({ Effect: 'Allow', Principal: { AWS: DEV }, Action: 'sts:AssumeRole' }) });
    const { outcomes } = run({ principals: [role(DEV, [assume('*')]), target] });
    const prod = outcomes.find((o) => o.arn === DEV && o.specPath === '/access/matrix/dev/production');
    expect(prod).toMatchObject({ status: 'not-evaluated', reason: `roles reachable by assumption could not be evaluated: ${PROD_DEPLOY}: policies or groups missing from the snapshot: arn:aws:iam::${PRD}:policy/gone` });
  });

  it(`chains are followed ${MAX_CHAIN} roles deep and the cut is said`, () => {
    const arns = Array.from({ length: MAX_CHAIN + 1 }, (_, i) => `arn:aws:iam::${STG}:role/r${i}`);
    const chain = arns.map((arn, i) => role(arn, i === MAX_CHAIN ? [readProd] : [assume(arns[i + 1]!)], trust({ Effect: 'Allow', Principal: { AWS: i === 0 ? DEV : arns[i - 1] }, Action: 'sts:AssumeRole' })));
    const { cells } = run({ principals: [role(DEV, [assume(arns[0]!)]), ...chain] });
    expect(prodCell(cells).effective).toBe('none');
    expect(prodCell(cells).caveats).toContain(`role chains followed ${MAX_CHAIN} roles deep, no further`);
  });
});

describe('access through resource policies', () => {
  it('a bucket policy naming the team role (or matching it by aws:PrincipalArn) grants it access; * alone or with other conditions does not', () => {
    const named = bucket({ config: { policy: { Statement: [{ Sid: 'Dev', Effect: 'Allow', Principal: { AWS: DEV }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::prod-data/*' }] } } });
    const a = run({ resources: [named], principals: [role(DEV, [])] });
    expect(prodCell(a.cells)).toMatchObject({ effective: 'deploy', grants: [{ principalArn: DEV, policy: 'resource policy of arn:aws:s3:::prod-data', sid: 'Dev', actions: ['s3:PutObject'] }] });
    expect(prodCell(a.cells).caveats).toEqual([`resource policy of arn:aws:s3:::prod-data (Sid Dev) counted across accounts without reading the identity policy`]);

    const open = bucket({ config: { policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data/*' }] } } });
    // Everyone is resource-policy-public's one finding, not a grant to each team principal.
    expect(prodCell(run({ resources: [open], principals: [role(DEV, [])] }).cells).effective).toBe('none');
    const byArn = bucket({ config: { policy: { Statement: [{ Sid: 'Ci', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${STG}:role/dev-*` } } }] } } });
    expect(prodCell(run({ resources: [byArn], principals: [role(DEV, [])] }).cells)).toMatchObject({ effective: 'read', grants: [{ principalArn: DEV, policy: 'resource policy of arn:aws:s3:::prod-data', sid: 'Ci', actions: ['s3:GetObject'] }] });

    const conditional = bucket({ config: { policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceAccount': STG } } }, { Effect: 'Deny', Principal: { AWS: DEV }, Action: 's3:*' }] } } });
    expect(prodCell(run({ resources: [conditional], principals: [role(DEV, [])] }).cells).effective).toBe('none');
  });
});
