// Rule ecr-kms-encryption: compliant and violating repositories (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ECR = 'AWS::ECR::Repository';

ruleTester.run('ecr-kms-encryption', [
  {
    name: 'KMS or KMS_DSSE required, AES256 fails',
    spec: (s) => void (production(s).ecr = { kmsEncryption: true }),
    resources: [
      prod(ECR, 'kms', { config: { encryption: { enabled: true, algorithm: 'KMS', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' } } }),
      prod(ECR, 'dsse', { config: { encryption: { enabled: true, algorithm: 'KMS_DSSE' } } }),
      prod(ECR, 'default', { config: { encryption: { enabled: true, algorithm: 'AES256', customerManagedKey: false } } }),
    ],
    expect: { kms: 'pass', dsse: 'pass', default: 'fail' },
    messages: { default: "AWS::ECR::Repository 'default': encrypted with AES256; production requires KMS encryption" },
  },
]);
