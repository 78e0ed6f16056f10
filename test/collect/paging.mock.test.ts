// Paging for the list calls moto answers in one page (EC2 describes, SQS ListQueues):
// recorded token shapes from the AWS API reference, through aws-sdk-client-mock.
import { DescribeInstancesCommand, DescribeNatGatewaysCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVolumesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer, TokenBucket } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { collectEc2 } from '../../src/collect/sources/ec2.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { decodePolicy, deniesInsecureTransport, grantRelations } from '../../src/collect/policy-docs.js';
import { fakeCredentials, PROD } from './spec-fixture.js';

const ec2 = mockClient(EC2Client);
const sqs = mockClient(SQSClient);
afterEach(() => {
  ec2.reset();
  sqs.reset();
});
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const t = { accountId: PROD, region: 'us-east-1' };
const collectSqs = REGIONAL_SOURCES.find((src) => src.name === 'sqs')!.run;

describe('paging', () => {
  it('follows EC2 NextToken page by page and keeps every item', async () => {
    ec2.on(DescribeInstancesCommand).resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-1', SubnetId: 'subnet-1', VpcId: 'vpc-1' }] }], NextToken: 't1' }).resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-2' }] }] });
    for (const C of [DescribeVpcsCommand, DescribeSubnetsCommand, DescribeSecurityGroupsCommand, DescribeVolumesCommand, DescribeNatGatewaysCommand]) ec2.on(C as never).resolves({});
    const s = session();
    await collectEc2(s, t);
    const calls = ec2.commandCalls(DescribeInstancesCommand);
    expect(calls.map((c) => c.args[0].input.NextToken)).toEqual([undefined, 't1']);
    expect([...s.resources.keys()].sort()).toEqual([`arn:aws:ec2:us-east-1:${PROD}:instance/i-1`, `arn:aws:ec2:us-east-1:${PROD}:instance/i-2`]);
    expect(s.coverage[0]!.types).toContain('AWS::EC2::Instance');
  });

  it('marks a listing incomplete when a later page fails, keeping the pages that came', async () => {
    sqs.on(ListQueuesCommand).resolvesOnce({ QueueUrls: [`https://sqs.us-east-1.amazonaws.com/${PROD}/q1`], NextToken: 'n1' }).rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: `arn:aws:sqs:us-east-1:${PROD}:q1`, SqsManagedSseEnabled: 'true' } });
    const s = session();
    await collectSqs(s, t);
    expect(s.resources.get(`arn:aws:sqs:us-east-1:${PROD}:q1`)!.config).toMatchObject({ encryption: { enabled: true, algorithm: 'SSE-SQS' } });
    expect(s.errors).toEqual([expect.objectContaining({ service: 'sqs', operation: 'ListQueues', code: 'ThrottlingException' })]);
    expect(s.coverage).toEqual([]);
  });

  it('refuses an operation missing from the registry', async () => {
    await expect(session().call(t, 'sqs', 'DeleteQueue', [], async () => undefined)).rejects.toThrow(/not in the registry/);
  });
});

describe('token bucket', () => {
  it('never admits more than `rate` requests in any one-second window', async () => {
    let now = 0;
    const starts: number[] = [];
    const bucket = new TokenBucket(15, () => now, async (ms) => void (now += ms));
    for (let i = 0; i < 50; i++) {
      await bucket.take();
      starts.push(now);
    }
    for (let i = 15; i < starts.length; i++) expect(starts[i]! - starts[i - 15]!).toBeGreaterThanOrEqual(1000);
  });
});

describe('policy documents', () => {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::a', 'arn:aws:s3:::a/*'] }, { Effect: 'Deny', Action: '*', Resource: '*' }] };
  it('decodes plain and URL-encoded documents and rejects neither', () => {
    expect(decodePolicy(JSON.stringify(doc))).toEqual(doc);
    expect(decodePolicy(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(decodePolicy('%7Bnot json')).toBeUndefined();
  });
  it('grants only what Allow statements name; TLS-only needs a Deny on SecureTransport false', () => {
    expect(grantRelations([doc as never]).map((r) => r.target)).toEqual(['arn:aws:s3:::a', 'arn:aws:s3:::a/*']);
    expect(deniesInsecureTransport(doc as never)).toBe(false);
    expect(deniesInsecureTransport({ Statement: { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': false } } } } as never)).toBe(true);
  });
});
