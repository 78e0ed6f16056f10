// Rule encryption-at-rest: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { enc, production, ruleTester } from '../rule-tester.js';

ruleTester.run('encryption-at-rest', [
  {
    name: 'listed types must be encrypted; unlisted types are not checked',
    spec: (s) => void (production(s).encryption = { atRest: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::S3::Bucket', 'enc-bucket', { config: { encryption: enc(true) } }),
      prod('AWS::S3::Bucket', 'plain-bucket', { config: { encryption: enc(false) } }),
      prod('AWS::SQS::Queue', 'plain-queue', { config: { encryption: enc(false) } }),
      prod('AWS::SNS::Topic', 'plain-topic', { config: { encryption: enc(false) } }),
    ],
    expect: { 'enc-bucket': 'pass', 'plain-bucket': 'fail', 'plain-queue': 'fail', 'plain-topic': 'none' },
  },
  {
    name: 'an environment without an encryption section has no requirement',
    resources: [prod('AWS::S3::Bucket', 'plain-bucket', { config: { encryption: enc(false) } })],
    expect: { 'plain-bucket': 'none' },
  },
]);
