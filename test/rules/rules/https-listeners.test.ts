// Rule https-listeners: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

ruleTester.run('https-listeners', [
  {
    name: 'HTTPS, or HTTP redirecting to HTTPS',
    spec: (s) => void (production(s).encryption = { atRest: [], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: true } }),
    resources: [
      prod(LB, 'lb-ok', { config: { listeners: [{ port: 443, protocol: 'HTTPS' }, { port: 80, protocol: 'HTTP', redirectsToHttps: true }] } }),
      prod(LB, 'lb-http', { config: { listeners: [{ port: 443, protocol: 'HTTPS' }, { port: 80, protocol: 'HTTP' }] } }),
    ],
    expect: { 'lb-ok': 'pass', 'lb-http': 'fail' },
    messages: { 'lb-http': "AWS::ElasticLoadBalancingV2::LoadBalancer 'lb-http': listener(s) on port 80 (HTTP) neither use HTTPS/TLS nor redirect to HTTPS; production requires HTTPS listeners" },
  },
]);
