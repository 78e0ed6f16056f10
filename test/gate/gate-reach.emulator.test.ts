// The gate into production sees what reaches production, end to end against the AWS
// emulator (moto): an unattributed team role with write access to a production bucket
// (an access-matrix cell of production) and a staging role whose policy grants on that
// bucket (an isolation grant) both block `gate --to prod`, whose subjects are not
// production's. Without the grants neither blocks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, DeleteRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { motoClientConfig, startMoto, withAccount, type Moto, stubFakeAwsEnv } from '../helpers/moto.js';

const PROD = '123456789012';
const STAGING = '111111111111';
const REGION = 'us-east-1';
const BUCKET = `${PROD}-prod-orders`;

const SPEC = `version: 1
system: { name: gate-reach }
attribution: { tagKeys: [env] }
environments:
  production:
    aliases: [prod]
    accounts: [{ id: "${PROD}" }]
    regions: [${REGION}]
  staging:
    aliases: [stg]
    accounts: [{ id: "${STAGING}", roleArn: "arn:aws:iam::${STAGING}:role/envgate-read" }]
    regions: [${REGION}]
    attribution: { accountWide: true }
teams:
  developers:
    principals: [{ name: "dev-*" }]
access:
  matrix:
    developers: { staging: deploy, production: read }
`;

const policy = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: `arn:aws:s3:::${BUCKET}/*` }] });
const trust = (account: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });

describe('gate --to prod against the emulator: what reaches production blocks', () => {
  let moto: Moto;
  let dir: string;
  let prodIam: IAMClient;
  let stagingIam: IAMClient;

  async function gate(out: string) {
    const o = memoryOutput();
    const argv = ['gate', '--spec', join(dir, 'envgate.yaml'), '--endpoint', moto.endpoint, '--from', 'stg', '--to', 'prod', '--out', join(dir, out)];
    const code = await main(argv, { ...process.env, SOURCE_DATE_EPOCH: '1735732800', NO_COLOR: '1' }, o);
    const stderr = o.stderr.join('\n');
    const decision = code === 2 ? undefined : (JSON.parse(readFileSync(join(dir, out, 'envgate-gate.json'), 'utf8')) as { to: string; blocking: { ruleId: string; arn: string; environment: string | null; environments: string[] }[] });
    return { code, stderr, decision };
  }

  beforeAll(async () => {
    moto = await startMoto(); // throws (fails the suite) when moto_server is missing
    await moto.reset();
    const s3 = withAccount(new S3Client(motoClientConfig(moto, { region: REGION })), PROD);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet: [{ Key: 'env', Value: 'production' }] } }));
    prodIam = withAccount(new IAMClient(motoClientConfig(moto, { region: REGION })), PROD);
    stagingIam = withAccount(new IAMClient(motoClientConfig(moto, { region: REGION })), STAGING);
    await stagingIam.send(new CreateRoleCommand({ RoleName: 'envgate-read', AssumeRolePolicyDocument: trust(PROD) }));
    // No env tag, no name pattern, production's account is not account-wide: unattributed.
    await prodIam.send(new CreateRoleCommand({ RoleName: 'dev-admin', AssumeRolePolicyDocument: trust(PROD) }));
    await stagingIam.send(new CreateRoleCommand({ RoleName: 'stg-deployer', AssumeRolePolicyDocument: trust(STAGING) }));
    dir = mkdtempSync(join(tmpdir(), 'envgate-gate-reach-'));
    writeFileSync(join(dir, 'envgate.yaml'), SPEC);
    stubFakeAwsEnv(vi.stubEnv, REGION);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the team role and the staging role block the gate into production only while they reach it', async () => {
    const clean = await gate('clean');
    const cleanArns = (clean.decision?.blocking ?? []).map((b) => b.arn);
    expect(cleanArns.filter((a) => a.includes(':role/dev-admin') || a.includes(':role/stg-deployer')), clean.stderr).toEqual([]);

    await prodIam.send(new PutRolePolicyCommand({ RoleName: 'dev-admin', PolicyName: 'write', PolicyDocument: policy(['s3:PutObject', 's3:GetObject']) }));
    await stagingIam.send(new PutRolePolicyCommand({ RoleName: 'stg-deployer', PolicyName: 'read', PolicyDocument: policy(['s3:GetObject']) }));
    const r = await gate('reach');
    expect(r.code, r.stderr).toBe(1);
    expect(r.decision?.to).toBe('production');
    const brief = r.decision!.blocking.map((b) => [b.ruleId, b.arn, b.environment, b.environments]);
    expect(brief).toContainEqual(['access-matrix', `arn:aws:iam::${PROD}:role/dev-admin`, null, ['production']]);
    expect(brief).toContainEqual(['isolation-iam-grants', `arn:aws:iam::${STAGING}:role/stg-deployer`, 'staging', ['production', 'staging']]);

    await prodIam.send(new DeleteRolePolicyCommand({ RoleName: 'dev-admin', PolicyName: 'write' }));
    await stagingIam.send(new DeleteRolePolicyCommand({ RoleName: 'stg-deployer', PolicyName: 'read' }));
    const after = await gate('after');
    expect(after.decision!.blocking.map((b) => b.arn).filter((a) => a.includes(':role/dev-admin') || a.includes(':role/stg-deployer'))).toEqual([]);
  });
});
