// What moto cannot show for secrets and certificates, on response shapes from the AWS
// API references (aws-sdk-client-mock): a rotated secret (moto rotates only by invoking
// a rotation Lambda), rotation schedules, and ListCertificates paging (moto ignores
// MaxItems).
import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { GetResourcePolicyCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { rotationIntervalDays } from '../../src/collect/catalogue/types/secretsmanager-secret.js';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials, PROD } from './spec-fixture.js';

const sm = mockClient(SecretsManagerClient);
const acm = mockClient(ACMClient);
afterEach(() => {
  sm.reset();
  acm.reset();
});
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const t = { accountId: PROD, region: 'us-east-1' };
const source = (name: string) => REGIONAL_SOURCES.find((s) => s.name === name)!.run;
const ARN = `arn:aws:secretsmanager:us-east-1:${PROD}:secret:MyTestDatabaseSecret-a1b2c3`;

describe('secrets on recorded shapes', () => {
  it('reads rotation: enabled, the interval, the last rotation', async () => {
    // ListSecrets as in the Secrets Manager API reference's example, with rotation on.
    sm.on(ListSecretsCommand).resolves({
      SecretList: [
        {
          ARN,
          Name: 'MyTestDatabaseSecret',
          KmsKeyId: 'alias/orders',
          RotationEnabled: true,
          RotationLambdaARN: `arn:aws:lambda:us-east-1:${PROD}:function:MyRotation`,
          RotationRules: { AutomaticallyAfterDays: 30 },
          LastRotatedDate: new Date('2026-11-20T08:00:00Z'),
          CreatedDate: new Date('2025-03-01T10:00:00Z'),
        },
      ],
    });
    sm.on(GetResourcePolicyCommand).resolves({ ARN, Name: 'MyTestDatabaseSecret' });
    const s = session();
    await source('secretsmanager')(s, t);
    expect(s.resources.get(ARN)!.config).toEqual({
      encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: `arn:aws:kms:us-east-1:${PROD}:alias/orders` },
      rotationEnabled: true,
      rotationIntervalDays: 30,
      lastRotated: '2026-11-20T08:00:00.000Z',
      created: '2025-03-01T10:00:00.000Z',
      policy: null,
    });
    expect(s.coverage.map((c) => c.types)).toEqual([['AWS::SecretsManager::Secret']]);
  });

  it('a failed GetResourcePolicy leaves the policy absent and is an error of that secret', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ ARN, Name: 'MyTestDatabaseSecret' }] });
    sm.on(GetResourcePolicyCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const s = session();
    await source('secretsmanager')(s, t);
    expect(Object.keys(s.resources.get(ARN)!.config).sort()).toEqual(['encryption', 'rotationEnabled']);
    expect(s.errors.map((e) => [e.operation, e.code, e.resourceArn])).toEqual([['GetResourcePolicy', 'AccessDeniedException', ARN]]);
  });

  it('takes the interval from AutomaticallyAfterDays or a rate() schedule, none from cron', () => {
    expect(rotationIntervalDays({ AutomaticallyAfterDays: 7 })).toBe(7);
    expect(rotationIntervalDays({ ScheduleExpression: 'rate(10 days)' })).toBe(10);
    expect(rotationIntervalDays({ ScheduleExpression: 'rate(1 day)' })).toBe(1);
    expect(rotationIntervalDays({ ScheduleExpression: 'rate(36 hours)' })).toBe(2);
    expect(rotationIntervalDays({ ScheduleExpression: 'cron(0 16 1,15 * ? *)' })).toBeUndefined();
    expect(rotationIntervalDays(undefined)).toBeUndefined();
  });
});

describe('certificates on recorded shapes', () => {
  it('follows NextToken page by page, asking for every key algorithm', async () => {
    const a = `arn:aws:acm:us-east-1:${PROD}:certificate/12345678-1234-1234-1234-123456789012`;
    const b = `arn:aws:acm:us-east-1:${PROD}:certificate/87654321-4321-4321-4321-210987654321`;
    acm
      .on(ListCertificatesCommand)
      .resolvesOnce({ CertificateSummaryList: [{ CertificateArn: a, DomainName: 'www.example.com', Status: 'ISSUED' }], NextToken: 'page-2' })
      .resolvesOnce({ CertificateSummaryList: [{ CertificateArn: b, DomainName: 'legacy.example.com', Status: 'ISSUED' }] });
    acm.on(DescribeCertificateCommand, { CertificateArn: a }).resolves({
      Certificate: { CertificateArn: a, Type: 'AMAZON_ISSUED', Issuer: 'Amazon', NotAfter: new Date('2027-06-01T12:00:00Z'), KeyAlgorithm: 'EC_prime256v1', InUseBy: [`arn:aws:elasticloadbalancing:us-east-1:${PROD}:loadbalancer/app/web/50dc6c495c0c9188`] },
    });
    acm.on(DescribeCertificateCommand, { CertificateArn: b }).resolves({ Certificate: { CertificateArn: b, Type: 'IMPORTED', Issuer: 'Example CA', NotAfter: new Date('2026-12-20T00:00:00Z'), KeyAlgorithm: 'RSA_2048' } });
    const s = session();
    await source('acm')(s, t);
    const calls = acm.commandCalls(ListCertificatesCommand).map((c) => c.args[0].input);
    expect(calls.map((i) => i.NextToken)).toEqual([undefined, 'page-2']);
    expect(calls[0]!.Includes).toEqual({ keyTypes: ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'] });
    expect(s.resources.get(a)!.config).toEqual({
      domainName: 'www.example.com',
      status: 'ISSUED',
      certificateType: 'AMAZON_ISSUED',
      issuer: 'Amazon',
      notAfter: '2027-06-01T12:00:00.000Z',
      keyAlgorithm: 'EC_prime256v1',
      inUseBy: [`arn:aws:elasticloadbalancing:us-east-1:${PROD}:loadbalancer/app/web/50dc6c495c0c9188`],
    });
    expect(s.resources.get(b)!.name).toBe('legacy.example.com');
    expect(s.resources.get(b)!.config.issuer).toBe('Example CA');
  });
});
