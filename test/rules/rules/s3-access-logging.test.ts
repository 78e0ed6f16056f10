// Rule s3-access-logging: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

ruleTester.run('s3-access-logging', [
  {
    name: 'server access logging',
    spec: (s) => void (production(s).dataProtection = dp({ accessLogging: ['AWS::S3::Bucket'] })),
    resources: [prod('AWS::S3::Bucket', 'b-on', { config: { logging: { enabled: true, targetBucket: 'x' } } }), prod('AWS::S3::Bucket', 'b-off', { config: { logging: { enabled: false } } })],
    expect: { 'b-on': 'pass', 'b-off': 'fail' },
  },
  {
    name: 'a log target of buckets or load balancers need not log to itself',
    spec: (s) => void (production(s).dataProtection = dp({ accessLogging: ['AWS::S3::Bucket'] })),
    resources: [
      prod('AWS::S3::Bucket', 'logs-from-bucket', { config: { logging: { enabled: false } } }),
      prod('AWS::S3::Bucket', 'logs-from-lb', { config: { logging: { enabled: false } } }),
      prod('AWS::S3::Bucket', 'app-data', { config: { logging: { enabled: true, targetBucket: 'logs-from-bucket' } }, relations: [{ kind: 'logs-to', target: 'arn:aws:s3:us-east-1:111111111111:bucket/logs-from-bucket' }] }),
      prod(LB, 'web-lb', { relations: [{ kind: 'logs-to', target: 'arn:aws:s3:us-east-1:111111111111:bucket/logs-from-lb' }] }),
      prod('AWS::S3::Bucket', 'not-a-target', { config: { logging: { enabled: false } }, relations: [{ kind: 'kms-key', target: 'arn:aws:s3:us-east-1:111111111111:bucket/elsewhere' }] }),
    ],
    expect: { 'logs-from-bucket': 'pass', 'logs-from-lb': 'pass', 'app-data': 'pass', 'not-a-target': 'fail', 'web-lb': 'none' },
  },
]);
