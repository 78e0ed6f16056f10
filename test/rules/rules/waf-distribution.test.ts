// Rule waf-distribution: distributions with and without a web ACL (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const CDN = 'AWS::CloudFront::Distribution';

ruleTester.run('waf-distribution', [
  {
    name: 'a distribution needs a web ACL',
    spec: (s) => void (production(s).waf = { distributions: true }),
    resources: [
      prod(CDN, 'E1GUARDED', { region: 'global', config: { webAclId: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/cdn/0f1e' } }),
      prod(CDN, 'E2OPEN', { region: 'global', config: { webAclId: null } }),
    ],
    expect: { E1GUARDED: 'pass', E2OPEN: 'fail' },
    messages: { E2OPEN: "AWS::CloudFront::Distribution 'E2OPEN': no web ACL filters this distribution; production requires WAF on distributions" },
  },
  {
    name: 'not-evaluated when the distribution was not described',
    spec: (s) => void (production(s).waf = { distributions: true }),
    resources: [prod(CDN, 'E3TAGONLY', { region: 'global' })],
    expect: { E3TAGONLY: 'not-evaluated' },
  },
]);
