// Rule cloudfront-https-viewers: every cache behaviour must send viewers to HTTPS (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const CDN = 'AWS::CloudFront::Distribution';
const b = (pathPattern: string, viewerProtocolPolicy: string) => ({ pathPattern, viewerProtocolPolicy });

ruleTester.run('cloudfront-https-viewers', [
  {
    name: 'https-only and redirect-to-https pass; one allow-all behaviour fails the distribution',
    spec: (s) => void (production(s).cdn = { httpsViewers: true }),
    resources: [
      prod(CDN, 'E1SAFE', { region: 'global', config: { behaviors: [b('Default (*)', 'redirect-to-https'), b('/api/*', 'https-only')] } }),
      prod(CDN, 'E2MIXED', { region: 'global', config: { behaviors: [b('Default (*)', 'redirect-to-https'), b('/img/*', 'allow-all'), b('/legacy/*', 'allow-all')] } }),
      prod(CDN, 'E3PLAIN', { region: 'global', config: { behaviors: [b('Default (*)', 'allow-all')] } }),
    ],
    expect: { E1SAFE: 'pass', E2MIXED: 'fail', E3PLAIN: 'fail' },
    messages: {
      E2MIXED: "AWS::CloudFront::Distribution 'E2MIXED': cache behaviour(s) /img/*, /legacy/* serve viewers over HTTP; production requires HTTPS viewers",
      E3PLAIN: "AWS::CloudFront::Distribution 'E3PLAIN': cache behaviour(s) Default (*) serve viewers over HTTP; production requires HTTPS viewers",
    },
  },
]);
