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
]);
