// Rule eks-secrets-encryption: compliant and violating clusters (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const EKS = 'AWS::EKS::Cluster';

ruleTester.run('eks-secrets-encryption', [
  {
    name: 'secrets encrypted with a KMS key',
    spec: (s) => void (production(s).eks = { secretsEncryption: true }),
    resources: [
      prod(EKS, 'sealed', { config: { secretsEncryption: true, secretsKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' } }),
      prod(EKS, 'plain', { config: { secretsEncryption: false } }),
    ],
    expect: { sealed: 'pass', plain: 'fail' },
    messages: { plain: "AWS::EKS::Cluster 'plain': Kubernetes secrets are not encrypted with a KMS key; production requires it" },
  },
]);
