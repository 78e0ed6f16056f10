// Each attribution signal of the README (tag, alias, name, namesByType, account, VPC,
// inheritance) on its own, with the exact record it must produce, and its negative case.
import { describe, expect, it } from 'vitest';
import { createAttributor, principalAsAttributable, vpcIdResolver } from '../../src/engine/attribution.js';
import { buildContext } from '../../src/engine/build-context.js';
import type { Resource } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';
import { baseSpec, envSpec, loaded, NOW, PROD_ACCOUNT, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

const VPC_ARN = `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:vpc/vpc-0abc`;
const SUBNET_ARN = `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:subnet/subnet-1`;

function spec(): Spec {
  const s = baseSpec();
  s.attribution.tagKeys = ['Environment', 'env'];
  s.environments.production = envSpec({
    aliases: ['prod', 'PRD'],
    accounts: [{ id: PROD_ACCOUNT }],
    attribution: { names: ['prod-*'], namesByType: { 'AWS::SQS::Queue': ['re:orders-p[0-9]+'] }, vpcs: ['vpc-0abc'], accountWide: false },
  });
  s.environments.staging = envSpec({
    aliases: ['stg'],
    accounts: [{ id: STAGING_ACCOUNT }],
    attribution: { names: [], namesByType: {}, vpcs: [], accountWide: true },
  });
  return s;
}

const subnetVpc = new Map([[SUBNET_ARN, 'vpc-0abc']]);
// Built per call, inside each test: what the spec compiles to is then each test's to check.
const at = (r: Resource) => createAttributor(spec(), (arn) => subnetVpc.get(arn) ?? vpcIdResolver(new Map())(arn)).attribute(r);
const untagged = (type: string, name: string, over: Partial<Resource> = {}) => res(type, name, { accountId: '333333333333', ...over });

describe('attribution signals', () => {
  it('tag: the environment name under any configured key, case-insensitive in key and value', () => {
    expect(at(untagged('AWS::S3::Bucket', 'a', { tags: { Environment: 'production' } }))).toEqual({ environment: 'production', evidence: [{ signal: 'tag', environment: 'production', detail: 'tag Environment=production' }], conflict: false });
    expect(at(untagged('AWS::S3::Bucket', 'b', { tags: { ENV: 'Staging' } }))).toEqual({ environment: 'staging', evidence: [{ signal: 'tag', environment: 'staging', detail: 'tag ENV=Staging' }], conflict: false });
  });

  it('tag: a key that is not configured, or a value that names no environment, is no signal', () => {
    expect(at(untagged('AWS::S3::Bucket', 'c', { tags: { Stage: 'production' } }))).toEqual({ environment: null, evidence: [], conflict: false });
    expect(at(untagged('AWS::S3::Bucket', 'd', { tags: { Environment: 'qa' } }))).toEqual({ environment: null, evidence: [], conflict: false });
  });

  it('alias: an alias as the tag value attributes to its environment', () => {
    expect(at(untagged('AWS::S3::Bucket', 'e', { tags: { Environment: 'prod' } }))).toEqual({ environment: 'production', evidence: [{ signal: 'tag', environment: 'production', detail: 'tag Environment=prod' }], conflict: false });
    expect(at(untagged('AWS::S3::Bucket', 'f', { tags: { env: 'prd' } })).environment).toBe('production');
    expect(at(untagged('AWS::S3::Bucket', 'g', { tags: { env: 'stg' } })).environment).toBe('staging');
  });

  it('name: a name pattern of the environment', () => {
    expect(at(untagged('AWS::S3::Bucket', 'prod-assets'))).toEqual({ environment: 'production', evidence: [{ signal: 'name', environment: 'production', detail: "name matches 'prod-*'" }], conflict: false });
    expect(at(untagged('AWS::S3::Bucket', 'my-prod-assets')).evidence).toEqual([]);
  });

  it('namesByType: patterns for one type only', () => {
    expect(at(untagged('AWS::SQS::Queue', 'orders-p1'))).toEqual({ environment: 'production', evidence: [{ signal: 'name', environment: 'production', detail: "AWS::SQS::Queue name matches 're:orders-p[0-9]+'" }], conflict: false });
    expect(at(untagged('AWS::SNS::Topic', 'orders-p1')).evidence).toEqual([]);
    expect(at(untagged('AWS::SQS::Queue', 'orders-px')).evidence).toEqual([]);
  });

  it('account: every resource of an account-wide environment account, and no other account', () => {
    expect(at(res('AWS::S3::Bucket', 'x', { accountId: STAGING_ACCOUNT }))).toEqual({ environment: 'staging', evidence: [{ signal: 'account', environment: 'staging', detail: `account ${STAGING_ACCOUNT} is staging-wide` }], conflict: false });
    // production lists its account but is not account-wide.
    expect(at(res('AWS::S3::Bucket', 'y', { accountId: PROD_ACCOUNT })).evidence).toEqual([]);
  });

  it('vpc: through a vpc or subnet relation, the config vpcId, or a VPC resource itself', () => {
    const inVpc = { environment: 'production', evidence: [{ signal: 'vpc', environment: 'production', detail: 'in VPC vpc-0abc' }], conflict: false };
    expect(at(untagged('AWS::EC2::Instance', 'i-1', { relations: [{ kind: 'subnet', target: SUBNET_ARN }] }))).toEqual(inVpc);
    expect(at(untagged('AWS::EC2::Instance', 'i-2', { relations: [{ kind: 'vpc', target: VPC_ARN }] }))).toEqual(inVpc);
    expect(at(untagged('AWS::RDS::DBInstance', 'db-1', { config: { vpcId: 'vpc-0abc' } }))).toEqual(inVpc);
    expect(at(untagged('AWS::EC2::VPC', 'vpc-0abc', { config: { vpcId: 'vpc-0abc' } }))).toEqual(inVpc);
    expect(at(untagged('AWS::EC2::Instance', 'i-3', { relations: [{ kind: 'vpc', target: `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:vpc/vpc-0def` }] })).evidence).toEqual([]);
    // Other relation kinds say nothing about the VPC.
    expect(at(untagged('AWS::EC2::Instance', 'i-4', { relations: [{ kind: 'volume', target: VPC_ARN }] })).evidence).toEqual([]);
  });

  it('vpc: a VPC is attributed by its own id before any relation; an unresolved relation gives way to the next', () => {
    const vpc = untagged('AWS::EC2::VPC', 'vpc-0abc', { config: { vpcId: 'vpc-0abc' }, relations: [{ kind: 'vpc', target: `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:vpc/vpc-0def` }] });
    expect(at(vpc).environment).toBe('production');
    const i = untagged('AWS::EC2::Instance', 'i-5', { relations: [{ kind: 'subnet', target: `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:subnet/subnet-unknown` }, { kind: 'vpc', target: VPC_ARN }] });
    expect(at(i).evidence).toEqual([{ signal: 'vpc', environment: 'production', detail: 'in VPC vpc-0abc' }]);
  });

  it('vpcIdResolver: a VPC or subnet resource by its config, else a VPC ARN by its id', () => {
    const subnet = res('AWS::EC2::Subnet', 'subnet-7', { config: { vpcId: 'vpc-77' } });
    const odd = res('AWS::EC2::Subnet', 'subnet-8', { config: { vpcId: 8 } });
    const resolve = vpcIdResolver(new Map([[subnet.arn, subnet], [odd.arn, odd]]));
    expect(resolve(subnet.arn)).toBe('vpc-77');
    expect(resolve(`arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:vpc/vpc-0a1`)).toBe('vpc-0a1');
    expect(resolve(`arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:vpc/vpc-0a1/extra`)).toBeUndefined();
    expect(resolve(`arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:vpc/vpc-0A1`)).toBeUndefined();
    expect(resolve(odd.arn)).toBeUndefined();
    expect(resolve(`arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:subnet/subnet-9`)).toBeUndefined();
  });

  it('an environment without attribution settings is still named by its tag values', () => {
    const s = spec();
    delete (s.environments.staging as unknown as Record<string, unknown>).attribution;
    const r = createAttributor(s, () => undefined).attribute(res('AWS::S3::Bucket', 'x', { accountId: STAGING_ACCOUNT, tags: { Environment: 'stg' } }));
    expect(r).toEqual({ environment: 'staging', evidence: [{ signal: 'tag', environment: 'staging', detail: 'tag Environment=stg' }], conflict: false });
  });

  it('two environments in one account-wide account, and one VPC listed by two, conflict', () => {
    const s = spec();
    s.environments.production!.attribution!.accountWide = true;
    s.environments.production!.accounts = [{ id: STAGING_ACCOUNT }];
    s.environments.staging!.attribution!.vpcs = ['vpc-0abc'];
    const a = createAttributor(s, () => undefined);
    expect(a.attribute(res('AWS::S3::Bucket', 'y', { accountId: STAGING_ACCOUNT })).evidence.map((e) => [e.signal, e.environment])).toEqual([['account', 'production'], ['account', 'staging']]);
    expect(a.attribute(untagged('AWS::RDS::DBInstance', 'db', { config: { vpcId: 'vpc-0abc' } })).evidence.map((e) => [e.signal, e.environment])).toEqual([['vpc', 'production'], ['vpc', 'staging']]);
  });

  it('conflicting signals of one kind are listed by environment name, whatever order the spec lists the environments in', () => {
    const s = spec();
    s.environments.production!.attribution!.accountWide = true;
    s.environments.production!.accounts = [{ id: STAGING_ACCOUNT }];
    // staging first: the spec's own order must not decide the evidence order.
    s.environments = { staging: s.environments.staging!, production: s.environments.production! };
    const a = createAttributor(s, () => undefined);
    expect(a.attribute(res('AWS::S3::Bucket', 'y', { accountId: STAGING_ACCOUNT })).evidence.map((e) => [e.signal, e.environment])).toEqual([['account', 'production'], ['account', 'staging']]);
  });

  it('vpc: a vpc or subnet relation wins over a vpcId in the config of a resource that is not a VPC', () => {
    const s = spec();
    s.environments.staging!.attribution!.vpcs = ['vpc-0s'];
    const i = untagged('AWS::EC2::Instance', 'i-6', { config: { vpcId: 'vpc-0s' }, relations: [{ kind: 'subnet', target: SUBNET_ARN }] });
    expect(createAttributor(s, (arn) => subnetVpc.get(arn)).attribute(i)).toEqual({ environment: 'production', evidence: [{ signal: 'vpc', environment: 'production', detail: 'in VPC vpc-0abc' }], conflict: false });
  });

  it('relation evidence names its parent; records with the same signals are one object', () => {
    const a = createAttributor(spec(), () => undefined);
    expect(a.relationEvidence('staging', 'in VPC vpc-9', 'arn:p')).toEqual({ signal: 'relation', environment: 'staging', detail: 'in VPC vpc-9', parent: 'arn:p' });
    expect(a.inheritedFrom([a.relationEvidence('staging', 'in VPC vpc-9', 'arn:p')])).toEqual({ environment: 'staging', evidence: [{ signal: 'relation', environment: 'staging', detail: 'in VPC vpc-9', parent: 'arn:p' }], conflict: false });
    const one = a.attribute(untagged('AWS::S3::Bucket', 'prod-1'));
    expect(a.attribute(untagged('AWS::S3::Bucket', 'prod-2'))).toBe(one);
  });

  it('signals naming two environments are a conflict with no environment; agreeing signals are not', () => {
    const both = at(untagged('AWS::S3::Bucket', 'prod-x', { tags: { Environment: 'staging' } }));
    expect(both).toEqual({
      environment: null,
      evidence: [
        { signal: 'tag', environment: 'staging', detail: 'tag Environment=staging' },
        { signal: 'name', environment: 'production', detail: "name matches 'prod-*'" },
      ],
      conflict: true,
    });
    const agree = at(untagged('AWS::S3::Bucket', 'prod-y', { tags: { Environment: 'prod' } }));
    expect([agree.environment, agree.conflict, agree.evidence.length]).toEqual(['production', false, 2]);
  });

  it('principals are attributed by the same signals', () => {
    const role = principalAsAttributable({ kind: 'role', arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/deploy`, accountId: STAGING_ACCOUNT, name: 'deploy', tags: {} } as never);
    expect(role.type).toBe('AWS::IAM::Role');
    expect(at(role as Resource).environment).toBe('staging');
  });
});

describe('inheritance', () => {
  it('a resource without signals inherits from its parent, with the parent named', () => {
    const vpc = res('AWS::EC2::VPC', 'vpc-9', { accountId: '333333333333', tags: { Environment: 'staging' }, config: { vpcId: 'vpc-9' } });
    const subnet = res('AWS::EC2::Subnet', 'subnet-9', { accountId: '333333333333', relations: [{ kind: 'vpc', target: vpc.arn }] });
    const lone = res('AWS::EC2::Subnet', 'subnet-lone', { accountId: '333333333333' });
    const ctx = buildContext(loaded(spec()), snapshot([vpc, subnet, lone]), NOW);
    expect(ctx.attribution.get(subnet.arn)).toEqual({ environment: 'staging', evidence: [{ signal: 'relation', environment: 'staging', detail: 'in VPC vpc-9', parent: vpc.arn }], conflict: false });
    expect(ctx.attribution.get(lone.arn)).toEqual({ environment: null, evidence: [], conflict: false });
  });
});
