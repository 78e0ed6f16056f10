// The gate sees every result that involves its target: an access-matrix cell for
// production held by an unattributed principal, and a staging role granting into
// production, block `gate --to production` although neither subject is production's.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Principal, Resource } from '../../src/model/snapshot.js';
import { snapshot } from '../engine/helpers.js';
import { readJson, run, tmp, write } from './gate-helpers.js';

const STG = '222222222222';
const PRD = '111111111111';
const TOOLS = '333333333333'; // an account of no environment

const SPEC = `version: 1
system: { name: scope }
attribution: { tagKeys: [Environment] }
environments:
  staging:
    aliases: [stg]
    accounts: [{ id: "${STG}" }]
    regions: [us-east-1]
  production:
    aliases: [prod, prd]
    accounts: [{ id: "${PRD}" }]
    regions: [us-east-1]
teams:
  developers:
    principals: [{ name: "dev-*" }]
access:
  matrix:
    developers: { staging: deploy, production: read }
`;

const bucket = (name: string, account: string, env: string): Resource => ({
  arn: `arn:aws:s3:::${name}`,
  accountId: account,
  region: 'us-east-1',
  type: 'AWS::S3::Bucket',
  name,
  id: name,
  tags: { Environment: env },
  config: {},
  relations: [],
});

const role = (name: string, account: string, tags: Record<string, string>, actions: string[], target: string): { resource: Resource; principal: Principal } => {
  const arn = `arn:aws:iam::${account}:role/${name}`;
  const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: actions, Resource: target }] };
  return {
    resource: { arn, accountId: account, region: 'global', type: 'AWS::IAM::Role', name, id: name, tags, config: {}, relations: [{ kind: 'grants', target }] },
    principal: { arn, accountId: account, kind: 'role', name, path: '/', tags, groups: [], attachedPolicies: [], inlinePolicies: [{ name: 'main', document }] },
  };
}

function scenario(opts: { admin?: boolean; deployer?: boolean }) {
  const dir = tmp();
  const resources = [bucket('prod-data', PRD, 'production'), bucket('stg-data', STG, 'staging')];
  const principals: Principal[] = [];
  // An unattributed team role (tools account, no tag) that can write production's bucket.
  const admin = role('dev-admin', TOOLS, {}, opts.admin === false ? ['s3:GetObject'] : ['s3:PutObject', 's3:GetObject'], 'arn:aws:s3:::prod-data/*');
  // A staging role whose policy grants on production's bucket.
  const deployer = role('stg-deployer', STG, { Environment: 'staging' }, ['s3:GetObject'], opts.deployer === false ? 'arn:aws:s3:::stg-data/*' : 'arn:aws:s3:::prod-data/*');
  for (const r of [admin, deployer]) {
    resources.push(r.resource);
    principals.push(r.principal);
  }
  const snap = snapshot(resources, { principals });
  snap.metadata.accounts = [PRD, STG, TOOLS];
  return { dir, spec: write(dir, 'envgate.yaml', SPEC), snapshot: write(dir, 'snapshot.json', JSON.stringify(snap)) };
}

const gate = (s: ReturnType<typeof scenario>, out: string, ...extra: string[]) =>
  run(['gate', '--spec', s.spec, '--snapshot', s.snapshot, '--from', 'staging', '--to', 'production', '--out', out, ...extra]);

interface Blocking {
  ruleId: string;
  arn: string;
  environment: string | null;
  environments: string[];
}

describe('gate --to production counts every result that involves production', () => {
  it('blocks on an unattributed team role with write access to production and on a staging role granting into production', async () => {
    const s = scenario({});
    const out = tmp();
    const r = await gate(s, out);
    expect(r.code).toBe(1);
    const blocking = readJson<{ blocking: Blocking[] }>(path.join(out, 'envgate-gate.json')).blocking;
    const brief = blocking.map((b) => [b.ruleId, b.arn, b.environment, b.environments]);
    expect(brief).toContainEqual(['access-matrix', `arn:aws:iam::${TOOLS}:role/dev-admin`, null, ['production']]);
    expect(brief).toContainEqual(['isolation-iam-grants', `arn:aws:iam::${STG}:role/stg-deployer`, 'staging', ['production', 'staging']]);
    // The console verdict says which environment the finding reaches.
    expect(r.stderr).toContain(`arn:aws:iam::${STG}:role/stg-deployer (staging, involves production)`);
    expect(r.stderr).toContain(`arn:aws:iam::${TOOLS}:role/dev-admin (unattributed, involves production)`);
    // The reports show the involved environments too.
    const report = readJson<{ results: { ruleId: string; status: string; environments: string[]; resource: { arn: string } }[] }>(path.join(out, 'envgate.json'));
    const grant = report.results.find((x) => x.ruleId === 'isolation-iam-grants' && x.status === 'fail');
    expect(grant?.environments).toEqual(['production', 'staging']);
    const sarif = readJson<{ runs: { results: { ruleId: string; message: { text: string }; properties: { environments: string[] } }[] }[] }>(path.join(out, 'envgate.sarif'));
    const sg = sarif.runs[0]!.results.find((x) => x.ruleId === 'isolation-iam-grants')!;
    expect(sg.properties.environments).toEqual(['production', 'staging']);
    expect(sg.message.text).toContain('(environment staging; involves production)');
  });

  it('passes once neither reaches production', async () => {
    const s = scenario({ admin: false, deployer: false });
    expect((await gate(s, tmp())).code).toBe(0);
  });

  it('an access cell of production does not block the gate into staging', async () => {
    // The admin cell is production's, so the gate production -> staging does not count it.
    const s = scenario({ deployer: false });
    const out = tmp();
    const r = await run(['gate', '--spec', s.spec, '--snapshot', s.snapshot, '--from', 'production', '--to', 'staging', '--out', out]);
    const blocking = readJson<{ blocking: Blocking[] }>(path.join(out, 'envgate-gate.json')).blocking;
    expect(blocking.filter((b) => b.ruleId === 'access-matrix')).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('environment names on the command line', () => {
  it('gate --from stg --to prod resolves the aliases to the spec names', async () => {
    const s = scenario({});
    const out = tmp();
    const r = await run(['gate', '--spec', s.spec, '--snapshot', s.snapshot, '--from', 'stg', '--to', 'PROD', '--out', out]);
    expect(r.code).toBe(1);
    const g = readJson<{ from: string; to: string }>(path.join(out, 'envgate-gate.json'));
    expect([g.from, g.to]).toEqual(['staging', 'production']);
    expect(r.stderr).toContain('envgate gate staging -> production: BLOCKED');
  });

  it('an unknown name is a located error with a did-you-mean', async () => {
    const s = scenario({});
    const r = await run(['gate', '--spec', s.spec, '--snapshot', s.snapshot, '--from', 'staging', '--to', 'prodution', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${s.spec}:5:3 unknown-environment`);
    expect(r.stderr).toContain('--to prodution is not an environment of the spec or an alias of one (did you mean production?)');
  });

  it('gate --from and --to naming one environment by name and alias is refused', async () => {
    const s = scenario({});
    const r = await run(['gate', '--spec', s.spec, '--snapshot', s.snapshot, '--from', 'prd', '--to', 'production', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--from and --to name the same environment 'production'");
  });

  it('scan --environment prod reports the results involving production, the staging grant included', async () => {
    const s = scenario({});
    const out = tmp();
    await run(['scan', '--spec', s.spec, '--snapshot', s.snapshot, '--environment', 'prod', '--out', out, '--format', 'json']);
    const report = readJson<{ run: { scope: { environments: string[] } }; results: { ruleId: string; status: string; environments: string[]; resource: { environment: string | null } }[] }>(
      path.join(out, 'envgate.json'),
    );
    expect(report.run.scope.environments).toEqual(['production']);
    expect(report.results.length).toBeGreaterThan(0);
    for (const x of report.results) expect(x.environments).toContain('production');
    expect(report.results.some((x) => x.ruleId === 'isolation-iam-grants' && x.resource.environment === 'staging' && x.status === 'fail')).toBe(true);
  });
});
