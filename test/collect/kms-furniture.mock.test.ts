// AWS managed KMS keys, which moto cannot make (its keys are all KeyManager CUSTOMER and
// its aws/* aliases point at keys ListKeys does not list). Response shapes from the KMS
// API reference (ListKeys, ListAliases, DescribeKey, GetKeyPolicy): an aws/s3 key is listed like any
// key, DescribeKey says KeyManager AWS, and its alias is alias/aws/s3.
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { collectKms } from '../../src/collect/sources/kms.js';
import { furnitureOf } from '../../src/engine/furniture.js';
import { fakeCredentials, PROD } from './spec-fixture.js';

const kmsMock = mockClient(KMSClient);
afterEach(() => kmsMock.reset());

const REGION = 'eu-west-1';
const AWS_KEY = '0f4b1c2d-1111-4a2b-8c3d-aaaaaaaaaaaa';
const CMK = '7e5d4c3b-2222-4a2b-8c3d-bbbbbbbbbbbb';
const keyArn = (id: string) => `arn:aws:kms:${REGION}:${PROD}:key/${id}`;

function session(): Session {
  const pool = new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' });
  return new Session(pool, new Pacer(2));
}

describe('KMS source and AWS managed keys', () => {
  it('records KeyManager and the aliases; asks no rotation status of an AWS managed key', async () => {
    kmsMock.on(ListKeysCommand).resolves({ Keys: [{ KeyId: AWS_KEY, KeyArn: keyArn(AWS_KEY) }, { KeyId: CMK, KeyArn: keyArn(CMK) }], Truncated: false });
    kmsMock.on(ListAliasesCommand).resolves({
      Aliases: [
        { AliasName: 'alias/aws/s3', AliasArn: `arn:aws:kms:${REGION}:${PROD}:alias/aws/s3`, TargetKeyId: AWS_KEY },
        // An aws/* alias of a service never used here has no key yet.
        { AliasName: 'alias/aws/ebs', AliasArn: `arn:aws:kms:${REGION}:${PROD}:alias/aws/ebs` },
        { AliasName: 'alias/app-data', AliasArn: `arn:aws:kms:${REGION}:${PROD}:alias/app-data`, TargetKeyId: CMK },
      ],
      Truncated: false,
    });
    kmsMock
      .on(DescribeKeyCommand, { KeyId: AWS_KEY })
      .resolves({ KeyMetadata: { KeyId: AWS_KEY, Arn: keyArn(AWS_KEY), KeyManager: 'AWS', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Description: 'Default key that protects my S3 objects when no other key is defined' } });
    kmsMock.on(DescribeKeyCommand, { KeyId: CMK }).resolves({ KeyMetadata: { KeyId: CMK, Arn: keyArn(CMK), KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Description: 'app data' } });
    kmsMock.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
    const keyPolicy = { Version: '2012-10-17', Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'kms:*', Resource: '*' }] };
    kmsMock.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify(keyPolicy), PolicyName: 'default' });
    const s = session();
    await collectKms(s, { accountId: PROD, region: REGION });

    const aws = s.resources.get(keyArn(AWS_KEY))!;
    const cmk = s.resources.get(keyArn(CMK))!;
    expect(aws.config).toEqual({ keyManager: 'AWS', keyState: 'Enabled', aliases: ['alias/aws/s3'] });
    expect(cmk.config).toEqual({ keyManager: 'CUSTOMER', keyState: 'Enabled', aliases: ['alias/app-data'], rotationEnabled: true, policy: keyPolicy });
    expect(kmsMock.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId)).toEqual([CMK]);
    // The key policy is read for customer managed keys only, by its one name.
    expect(kmsMock.commandCalls(GetKeyPolicyCommand).map((c) => c.args[0].input)).toEqual([{ KeyId: CMK, PolicyName: 'default' }]);
    expect(furnitureOf(aws)?.code).toBe('aws-managed-key');
    expect(furnitureOf(cmk)).toBeUndefined();
  });

  it('a key DescribeKey could not answer for is still known AWS managed by its alias; aliases not listed are left out', async () => {
    kmsMock.on(ListKeysCommand).resolves({ Keys: [{ KeyId: AWS_KEY, KeyArn: keyArn(AWS_KEY) }], Truncated: false });
    kmsMock.on(ListAliasesCommand).resolves({ Aliases: [{ AliasName: 'alias/aws/s3', TargetKeyId: AWS_KEY }], Truncated: false });
    kmsMock.on(DescribeKeyCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const s = session();
    await collectKms(s, { accountId: PROD, region: REGION });
    const key = s.resources.get(keyArn(AWS_KEY))!;
    expect(key.config).toEqual({ aliases: ['alias/aws/s3'] });
    expect(furnitureOf(key)?.code).toBe('aws-managed-key');

    kmsMock.reset();
    kmsMock.on(ListKeysCommand).resolves({ Keys: [{ KeyId: CMK, KeyArn: keyArn(CMK) }], Truncated: false });
    kmsMock.on(ListAliasesCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    kmsMock.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: CMK, KeyManager: 'CUSTOMER', KeyState: 'Disabled' } });
    const t = session();
    await collectKms(t, { accountId: PROD, region: REGION });
    expect(t.resources.get(keyArn(CMK))!.config).toEqual({ keyManager: 'CUSTOMER', keyState: 'Disabled' });
    expect(t.errors.map((e) => [e.operation, e.affects])).toEqual([['ListAliases', ['kms-aliases']]]);
  });
});
