// Rule eks-control-plane-logging: compliant and violating clusters (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const EKS = 'AWS::EKS::Cluster';

ruleTester.run('eks-control-plane-logging', [
  {
    name: 'every required log type enabled; more is fine',
    spec: (s) => void (production(s).eks = { controlPlaneLogging: ['api', 'audit'] }),
    resources: [
      prod(EKS, 'all-logs', { config: { controlPlaneLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] } }),
      prod(EKS, 'exact', { config: { controlPlaneLogTypes: ['api', 'audit'] } }),
      prod(EKS, 'api-only', { config: { controlPlaneLogTypes: ['api'] } }),
      prod(EKS, 'none', { config: { controlPlaneLogTypes: [] } }),
    ],
    expect: { 'all-logs': 'pass', exact: 'pass', 'api-only': 'fail', none: 'fail' },
    messages: {
      'api-only': "AWS::EKS::Cluster 'api-only': control-plane logs audit are off; production requires them",
      none: "AWS::EKS::Cluster 'none': control-plane logs api, audit are off; production requires them",
    },
  },
]);
