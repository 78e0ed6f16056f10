// Rule encryption-customer-managed-key: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { enc, production, ruleTester } from '../rule-tester.js';

ruleTester.run('encryption-customer-managed-key', [
  {
    name: 'customer-managed key where listed',
    spec: (s) => void (production(s).encryption = { atRest: ['AWS::RDS::DBInstance'], customerManagedKey: ['AWS::RDS::DBInstance'], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::RDS::DBInstance', 'db-cmk', { config: { encryption: enc(true, true) } }),
      prod('AWS::RDS::DBInstance', 'db-aws', { config: { encryption: enc(true, false) } }),
      prod('AWS::S3::Bucket', 'bucket', { config: { encryption: enc(true, false) } }),
    ],
    expect: { 'db-cmk': 'pass', 'db-aws': 'fail', bucket: 'none' },
  },
  {
    name: 'secrets: a key of their own, not aws/secretsmanager',
    spec: (s) => void (production(s).encryption = { atRest: [], customerManagedKey: ['AWS::SecretsManager::Secret'], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::SecretsManager::Secret', 'secret-cmk', { config: { encryption: enc(true, true), rotationEnabled: false } }),
      prod('AWS::SecretsManager::Secret', 'secret-default', { config: { encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/aws/secretsmanager', customerManagedKey: false }, rotationEnabled: false } }),
    ],
    expect: { 'secret-cmk': 'pass', 'secret-default': 'fail' },
  },
]);
