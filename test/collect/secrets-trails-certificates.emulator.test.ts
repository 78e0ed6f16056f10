// Collection of Secrets Manager secrets, CloudTrail trails and ACM certificates against
// the AWS emulator (moto 5.2.1), with page size 1 so every paged list turns pages.
// Where moto answers unlike AWS it is said at the assertion; rotation, which moto serves
// only by invoking a rotation Lambda, is in secrets-trails-certificates.mock.test.ts.
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demand } from '../../src/collect/demand.js';
import { collect } from '../../src/collect/index.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { motoClientConfig, startMoto, type Moto } from '../helpers/moto.js';
import { fakeCredentials, PROD, STAGING, twoAccountSpec } from './spec-fixture.js';

const SECRET = 'AWS::SecretsManager::Secret';
const TRAIL = 'AWS::CloudTrail::Trail';
const CERT = 'AWS::CertificateManager::Certificate';
const KEY = `arn:aws:kms:us-east-1:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const POLICY = { Version: '2012-10-17', Statement: [{ Sid: 'StagingReads', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STAGING}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] };
const demand: Demand = { full: false, types: new Map([SECRET, TRAIL, CERT].map((t) => [t, '*' as const])), relations: '*' };

describe('secrets, trails and certificates against moto', () => {
  let moto: Moto;
  let snap: Snapshot;
  const certArns: string[] = [];

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    const east = motoClientConfig(moto, { region: 'us-east-1' });
    const west = motoClientConfig(moto, { region: 'eu-west-1' });
    const sm = new SecretsManagerClient(east);
    const cmk = await sm.send(new CreateSecretCommand({ Name: 'orders-db', SecretString: 'a', KmsKeyId: KEY }));
    await sm.send(new CreateSecretCommand({ Name: 'api-token', SecretString: 'b' }));
    await sm.send(new CreateSecretCommand({ Name: 'shared-feed', SecretString: 'c' }));
    await sm.send(new PutResourcePolicyCommand({ SecretId: cmk.ARN, ResourcePolicy: JSON.stringify(POLICY) }));
    const s3 = new S3Client(east);
    await s3.send(new CreateBucketCommand({ Bucket: 'org-trail-logs' }));
    const ct = new CloudTrailClient(east);
    await ct.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'org-trail-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true, KmsKeyId: KEY }));
    await ct.send(new StartLoggingCommand({ Name: 'main' }));
    await new CloudTrailClient(west).send(new CreateTrailCommand({ Name: 'eu-only', S3BucketName: 'org-trail-logs' }));
    const acm = new ACMClient(east);
    for (const d of ['api.example.com', 'www.example.com', 'admin.example.com']) certArns.push((await acm.send(new RequestCertificateCommand({ DomainName: d }))).CertificateArn!);
    snap = await collect(twoAccountSpec(), { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials, pageCap: 1, demand });
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const ofType = (type: string): Resource[] => snap.resources.filter((r) => r.type === type);

  it('collects every secret with its key, rotation state and resource policy', () => {
    expect(snap.errors).toEqual([]);
    const secrets = ofType(SECRET);
    expect(secrets.map((r) => [r.name, r.accountId, r.region])).toEqual([
      ['api-token', PROD, 'us-east-1'],
      ['orders-db', PROD, 'us-east-1'],
      ['shared-feed', PROD, 'us-east-1'],
    ]);
    const orders = secrets.find((r) => r.name === 'orders-db')!;
    expect(orders.arn).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:${PROD}:secret:orders-db-[A-Za-z0-9]{6}$`));
    expect(orders.id).toBe(orders.arn.split(':secret:')[1]);
    // The key is not a listed KMS key (only secrets are collected here), so its ownership stays unknown.
    expect(orders.config).toEqual({ encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: KEY }, rotationEnabled: false, created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), policy: POLICY });
    expect(orders.relations).toEqual([{ kind: 'kms-key', target: KEY }]);
    const token = secrets.find((r) => r.name === 'api-token')!;
    // No key of its own: aws/secretsmanager, AWS managed. No policy: null (GetResourcePolicy answers without ResourcePolicy, as AWS does).
    expect(token.config.encryption).toEqual({ enabled: true, algorithm: 'aws:kms', kmsKeyArn: `arn:aws:kms:us-east-1:${PROD}:alias/aws/secretsmanager`, customerManagedKey: false });
    expect(token.config.policy).toBeNull();
  });

  it('lists a multi-region trail once, in its home region, with its status', () => {
    const trails = ofType(TRAIL);
    expect(trails.map((r) => [r.arn, r.region])).toEqual([
      [`arn:aws:cloudtrail:eu-west-1:${PROD}:trail/eu-only`, 'eu-west-1'],
      [`arn:aws:cloudtrail:us-east-1:${PROD}:trail/main`, 'us-east-1'],
    ]);
    expect(trails[1]!.config).toEqual({ multiRegion: true, logFileValidation: true, organizationTrail: false, encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: KEY }, s3Bucket: 'org-trail-logs', homeRegion: 'us-east-1', logging: true });
    expect(trails[0]!.config).toEqual({ multiRegion: false, logFileValidation: false, organizationTrail: false, encryption: { enabled: true, algorithm: 'SSE-S3' }, s3Bucket: 'org-trail-logs', homeRegion: 'eu-west-1', logging: false });
  });

  it('collects every certificate with type, issuer and expiry', () => {
    const certs = ofType(CERT);
    expect(certs.map((r) => r.arn).sort()).toEqual([...certArns].sort());
    const api = certs.find((r) => r.name === 'api.example.com')!;
    // moto gives a pending certificate an issuer and a NotAfter a year on; AWS gives a
    // certificate neither until it is issued.
    expect(api.config).toEqual({
      domainName: 'api.example.com',
      status: 'PENDING_VALIDATION',
      certificateType: 'AMAZON_ISSUED',
      issuer: 'Amazon',
      notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      keyAlgorithm: 'RSA_2048',
      inUseBy: [],
    });
  });

  it('turns pages on ListSecrets and ListCertificates and makes one per-item call each', () => {
    const calls = snap.metadata.apiCalls;
    // Four account-regions, each listed once; page size 1 makes the three secrets of
    // us-east-1 three pages (3 + 3). moto 5.2.1 ignores MaxItems on ListCertificates (one
    // page; AWS pages): ACM paging is tested on recorded shapes in the mock test.
    // DescribeTrails has no paging; GetTrailStatus once per trail.
    expect({
      secrets: calls['secretsmanager:ListSecrets'],
      policies: calls['secretsmanager:GetResourcePolicy'],
      certs: calls['acm:ListCertificates'],
      describes: calls['acm:DescribeCertificate'],
      trails: calls['cloudtrail:DescribeTrails'],
      status: calls['cloudtrail:GetTrailStatus'],
    }).toEqual({ secrets: 6, policies: 3, certs: 4, describes: 3, trails: 4, status: 2 });
  });
});
