// Rule s3-tls-only: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

ruleTester.run('s3-tls-only', [
  {
    name: 'bucket policies deny plain HTTP',
    spec: (s) => void (production(s).encryption = { atRest: [], customerManagedKey: [], inTransit: { s3TlsOnly: true, httpsListeners: false } }),
    resources: [prod('AWS::S3::Bucket', 'tls', { config: { tlsOnly: true } }), prod('AWS::S3::Bucket', 'open', { config: { tlsOnly: false } })],
    expect: { tls: 'pass', open: 'fail' },
  },
]);
