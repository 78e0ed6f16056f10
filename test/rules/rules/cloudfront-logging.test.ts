// Rule cloudfront-logging: standard access logs on and off (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const CDN = 'AWS::CloudFront::Distribution';

ruleTester.run('cloudfront-logging', [
  {
    name: 'standard logging to a bucket passes, off fails',
    spec: (s) => void (production(s).cdn = { logging: true }),
    resources: [
      prod(CDN, 'E1LOGGED', { region: 'global', config: { logging: { enabled: true, bucket: 'cdn-logs.s3.amazonaws.com' } } }),
      prod(CDN, 'E2SILENT', { region: 'global', config: { logging: { enabled: false } } }),
    ],
    expect: { E1LOGGED: 'pass', E2SILENT: 'fail' },
    messages: { E2SILENT: "AWS::CloudFront::Distribution 'E2SILENT': access logging is off; production requires it on distributions" },
  },
]);
