// Rule cloudfront-price-class: distributions on an allowed price class (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const CDN = 'AWS::CloudFront::Distribution';

ruleTester.run('cloudfront-price-class', [
  {
    name: 'a global CDN must serve from every edge location',
    spec: (s) => void (production(s).cdn = { priceClasses: ['PriceClass_All'] }),
    resources: [
      prod(CDN, 'global', { config: { priceClass: 'PriceClass_All' } }),
      prod(CDN, 'cheap', { config: { priceClass: 'PriceClass_100' } }),
    ],
    expect: { global: 'pass', cheap: 'fail' },
    messages: { cheap: "AWS::CloudFront::Distribution 'cheap': price class PriceClass_100; production requires PriceClass_All" },
  },
  {
    name: 'without cdn.priceClasses no distribution is judged',
    spec: (s) => void (production(s).cdn = { logging: true }),
    resources: [prod(CDN, 'cheap', { config: { priceClass: 'PriceClass_100', logging: { enabled: true, bucket: 'logs.s3.amazonaws.com' } } })],
    expect: { cheap: 'none' },
  },
]);
