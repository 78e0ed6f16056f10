// Rule eks-private-endpoint: compliant and violating clusters (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const EKS = 'AWS::EKS::Cluster';

ruleTester.run('eks-private-endpoint', [
  {
    name: 'a public endpoint fails, even limited to CIDRs',
    spec: (s) => void (production(s).eks = { privateEndpoint: true }),
    resources: [
      prod(EKS, 'private', { config: { endpointPublicAccess: false, endpointPrivateAccess: true, publicAccessCidrs: [] } }),
      prod(EKS, 'public', { config: { endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] } }),
      prod(EKS, 'office-only', { config: { endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.0/24'] } }),
    ],
    expect: { private: 'pass', public: 'fail', 'office-only': 'fail' },
    messages: { public: "AWS::EKS::Cluster 'public': the Kubernetes API endpoint is public; production requires a private endpoint" },
  },
]);
