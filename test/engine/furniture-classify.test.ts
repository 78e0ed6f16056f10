// furnitureOf at the edges of each shape it reads: exact flags, the gateway's VPCs, key
// aliases, role paths from the ARN, AWS-owned policy ARNs, and apex records.
import { describe, expect, it } from 'vitest';
import { furnitureOf, isAwsManagedKeyAlias, roleFurniture } from '../../src/engine/furniture.js';
import type { Resource } from '../../src/model/snapshot.js';
import { PROD_ACCOUNT, res } from './helpers.js';

const code = (r: Resource, isDefaultVpc?: (id: string) => boolean) => furnitureOf(r, isDefaultVpc)?.code;

describe('furnitureOf', () => {
  it('reads the default flags only when they are exactly true', () => {
    expect(code(res('AWS::EC2::VPC', 'v', { config: { isDefault: 'true' } }))).toBeUndefined();
    expect(code(res('AWS::EC2::VPC', 'v', { config: {} }))).toBeUndefined();
    expect(code(res('AWS::EC2::Subnet', 's', { config: { defaultForAz: 1 } }))).toBeUndefined();
    expect(code(res('AWS::EC2::NetworkAcl', 'a', { config: { isDefault: false } }))).toBeUndefined();
    expect(code(res('AWS::EC2::RouteTable', 'r', { config: { main: false } }))).toBeUndefined();
    expect(code(res('AWS::EC2::RouteTable', 'r', { config: {} }))).toBeUndefined();
    expect(code(res('AWS::EC2::SecurityGroup', 'default', { config: { groupName: 'Default' } }))).toBeUndefined();
  });

  it('gives the code with its one-sentence reason', () => {
    expect(furnitureOf(res('AWS::EC2::RouteTable', 'r', { config: { main: true } }))).toEqual({ code: 'main-route-table', reason: 'the main route table AWS creates in every VPC' });
  });

  it('an internet gateway: every attached VPC (or its one vpcId) must be a default VPC', () => {
    const isDefault = (id: string) => id === 'vpc-d';
    const igw = (config: Record<string, unknown>) => res('AWS::EC2::InternetGateway', 'igw', { config });
    expect(code(igw({ attachedVpcIds: ['vpc-d', 'vpc-d2'] }), (id) => id.startsWith('vpc-d'))).toBe('default-internet-gateway');
    expect(code(igw({ attachedVpcIds: ['vpc-d', 'vpc-c'] }), isDefault)).toBeUndefined();
    expect(code(igw({ attachedVpcIds: [42] }), () => true)).toBeUndefined();
    expect(code(igw({ vpcId: 'vpc-d' }), isDefault)).toBe('default-internet-gateway');
    expect(code(igw({ vpcId: 'vpc-c' }), isDefault)).toBeUndefined();
    // attachedVpcIds wins over vpcId.
    expect(code(igw({ attachedVpcIds: ['vpc-c'], vpcId: 'vpc-d' }), isDefault)).toBeUndefined();
    expect(code(igw({ vpcId: 42 }), () => true)).toBeUndefined();
    expect(code(igw({}), () => true)).toBeUndefined();
    // Without the VPC answer nothing is a default VPC.
    expect(code(igw({ vpcId: 'vpc-d' }))).toBeUndefined();
  });

  it('a KMS key: KeyManager AWS, or without KeyManager an aws/ alias', () => {
    const key = (config: Record<string, unknown>) => res('AWS::KMS::Key', 'k', { config });
    expect(code(key({ keyManager: 'AWS' }))).toBe('aws-managed-key');
    expect(code(key({ aliases: ['alias/app', 'alias/aws/s3'] }))).toBe('aws-managed-key');
    expect(code(key({ aliases: [`arn:aws:kms:us-east-1:${PROD_ACCOUNT}:alias/aws/rds`] }))).toBe('aws-managed-key');
    expect(code(key({ aliases: ['alias/app'] }))).toBeUndefined();
    expect(code(key({ aliases: [7, null] }))).toBeUndefined();
    // Only text is an alias name, whatever a malformed entry would print as.
    expect(code(key({ aliases: [['alias/aws/s3']] }))).toBeUndefined();
    expect(code(key({ aliases: 'alias/aws/s3' }))).toBeUndefined();
    expect(code(key({}))).toBeUndefined();
    expect(code(key({ keyManager: 'CUSTOMER', aliases: ['alias/aws/s3'] }))).toBeUndefined();
  });

  it('a KMS alias by its ARN or its name', () => {
    const alias = (name: string, arn: string) => res('AWS::KMS::Alias', name, { arn });
    expect(code(alias('alias/aws/ebs', `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:alias/aws/ebs`))).toBe('aws-managed-key');
    expect(code(alias('aws/ebs-name', `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:alias/aws/ebs`))).toBe('aws-managed-key');
    expect(code(alias('alias/aws/ebs', `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:x`))).toBe('aws-managed-key');
    expect(code(alias('alias/app', `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:alias/app`))).toBeUndefined();
  });

  it('a role by its config path, else by the path in its ARN', () => {
    const role = (arn: string, config: Record<string, unknown> = {}) => res('AWS::IAM::Role', 'r', { arn, config });
    expect(code(role(`arn:aws:iam::${PROD_ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`))).toBe('service-linked-role');
    expect(code(role(`arn:aws:iam::${PROD_ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_x`))).toBe('identity-center-role');
    expect(code(role(`arn:aws:iam::${PROD_ACCOUNT}:role/AWSServiceRoleForECS`))).toBeUndefined();
    expect(code(role(`arn:aws:iam::${PROD_ACCOUNT}:role/aws-service-role`))).toBeUndefined();
    // The config path wins over the ARN.
    expect(code(role(`arn:aws:iam::${PROD_ACCOUNT}:role/app`, { path: '/aws-service-role/rds.amazonaws.com/' }))).toBe('service-linked-role');
    expect(code(role(`arn:aws:iam::${PROD_ACCOUNT}:role/aws-service-role/rds.amazonaws.com/x`, { path: '/' }))).toBeUndefined();
    // A path that is not text: the ARN's.
    expect(code(role(`arn:aws:iam::${PROD_ACCOUNT}:role/aws-service-role/rds.amazonaws.com/x`, { path: 5 }))).toBe('service-linked-role');
  });

  it('an IAM policy when AWS owns its ARN', () => {
    expect(code(res('AWS::IAM::Policy', 'p', { arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }))).toBe('aws-managed-policy');
    expect(code(res('AWS::IAM::Policy', 'p', { arn: `arn:aws:iam::${PROD_ACCOUNT}:policy/aws` }))).toBeUndefined();
    expect(code(res('AWS::IAM::ManagedPolicy', 'p', { arn: 'arn:aws:iam::aws-x:policy/p' }))).toBeUndefined();
  });

  it('the default event bus and the primary workgroup, by id or ARN', () => {
    const bus = (id: string, arn: string) => res('AWS::Events::EventBus', id, { id, arn });
    expect(code(bus('x', `arn:aws:events:us-east-1:${PROD_ACCOUNT}:event-bus/default`))).toBe('default-event-bus');
    expect(code(bus('default', `arn:aws:events:us-east-1:${PROD_ACCOUNT}:x`))).toBe('default-event-bus');
    expect(code(bus('my-default', `arn:aws:events:us-east-1:${PROD_ACCOUNT}:event-bus/my-default`))).toBeUndefined();
    const wg = (id: string, arn: string) => res('AWS::Athena::WorkGroup', id, { id, arn });
    expect(code(wg('x', `arn:aws:athena:us-east-1:${PROD_ACCOUNT}:workgroup/primary`))).toBe('primary-athena-workgroup');
    expect(code(wg('primary', `arn:aws:athena:us-east-1:${PROD_ACCOUNT}:x`))).toBe('primary-athena-workgroup');
    expect(code(wg('not-primary', `arn:aws:athena:us-east-1:${PROD_ACCOUNT}:workgroup/not-primary`))).toBeUndefined();
  });

  it("an NS or SOA record at its zone's apex, nothing else", () => {
    const rec = (recordType: string, recordName: unknown, zoneName = 'example.com.') => res('AWS::Route53::RecordSet', 'r', { config: { recordType, recordName, zoneName } });
    expect(code(rec('NS', 'example.com.'))).toBe('zone-apex-record');
    expect(code(rec('SOA', 'example.com.'))).toBe('zone-apex-record');
    expect(code(rec('NS', 'dev.example.com.'))).toBeUndefined();
    expect(code(rec('A', 'example.com.'))).toBeUndefined();
    // Neither name known: not an apex record, though both are equally missing.
    expect(code(res('AWS::Route53::RecordSet', 'r', { config: { recordType: 'NS' } }))).toBeUndefined();
  });
});

describe('isAwsManagedKeyAlias and roleFurniture', () => {
  it('an aws/ alias at the start or after a colon only', () => {
    expect(isAwsManagedKeyAlias('alias/aws/s3')).toBe(true);
    expect(isAwsManagedKeyAlias(`arn:aws:kms:us-east-1:${PROD_ACCOUNT}:alias/aws/s3`)).toBe(true);
    expect(isAwsManagedKeyAlias('alias/awsome')).toBe(false);
    expect(isAwsManagedKeyAlias('my-alias/aws/s3')).toBe(false);
    expect(isAwsManagedKeyAlias('alias/app/aws/s3')).toBe(false);
  });

  it('service-linked and Identity Center paths by their prefix', () => {
    expect(roleFurniture('/aws-service-role/')?.code).toBe('service-linked-role');
    expect(roleFurniture('/aws-reserved/sso.amazonaws.com/')?.code).toBe('identity-center-role');
    expect(roleFurniture('/aws-reserved/other/')).toBeUndefined();
    expect(roleFurniture('/team/aws-service-role/')).toBeUndefined();
    expect(roleFurniture('/')).toBeUndefined();
  });
});
