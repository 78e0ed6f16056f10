// Rule cloudfront-logging: standard access logs to a bucket, or standard logging v2 (a
// CloudWatch Logs delivery source with a delivery), on and off (through the rule tester).
import { prod, res } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const CDN = 'AWS::CloudFront::Distribution';
const SOURCE = 'AWS::Logs::DeliverySource';
const cdnArn = (id: string) => `arn:aws:cloudfront::111111111111:distribution/${id}`;
const OFF = { logging: { enabled: false } };

ruleTester.run('cloudfront-logging', [
  {
    name: 'standard logging to a bucket passes, off fails',
    spec: (s) => void (production(s).cdn = { logging: true }),
    resources: [
      prod(CDN, 'E1LOGGED', { region: 'global', config: { logging: { enabled: true, bucket: 'cdn-logs.s3.amazonaws.com' } } }),
      prod(CDN, 'E2SILENT', { region: 'global', config: OFF }),
    ],
    expect: { E1LOGGED: 'pass', E2SILENT: 'fail' },
    messages: { E2SILENT: "AWS::CloudFront::Distribution 'E2SILENT': access logging is off (no standard logging, no log delivery); production requires it on distributions" },
  },
  {
    name: 'a delivery source with a delivery (logging v2) passes; one without a delivery carries no relation and fails',
    spec: (s) => void (production(s).cdn = { logging: true }),
    resources: [
      prod(CDN, 'E3VENDED', { arn: cdnArn('E3VENDED'), region: 'global', config: OFF }),
      prod(CDN, 'E4NODELIVERY', { arn: cdnArn('E4NODELIVERY'), region: 'global', config: OFF }),
      res(SOURCE, 'cdn-v2', { relations: [{ kind: 'delivers-logs-of', target: cdnArn('E3VENDED') }] }),
      res(SOURCE, 'cdn-idle', { config: { resourceArns: [cdnArn('E4NODELIVERY')], deliveries: [] } }),
    ],
    expect: { E3VENDED: 'pass', E4NODELIVERY: 'fail', 'cdn-v2': 'none' },
  },
]);
