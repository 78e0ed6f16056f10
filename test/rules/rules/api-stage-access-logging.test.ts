// Rule api-stage-access-logging: stages with and without an access log destination (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

const STAGE = 'AWS::ApiGateway::Stage';
const LOGS = 'arn:aws:logs:us-east-1:111111111111:log-group:orders-access';

ruleTester.run('api-stage-access-logging', [
  {
    name: 'stage access logs',
    spec: (s) => void (production(s).dataProtection = dp({ accessLogging: [STAGE] })),
    resources: [
      prod(STAGE, 'orders/prod', { config: { accessLogging: { enabled: true, destinationArn: LOGS, format: '$context.requestId' } }, relations: [{ kind: 'logs-to', target: LOGS }] }),
      prod(STAGE, 'orders/dev', { config: { accessLogging: { enabled: false } } }),
    ],
    expect: { 'orders/prod': 'pass', 'orders/dev': 'fail' },
    messages: { 'orders/dev': "AWS::ApiGateway::Stage 'orders/dev': access logging is off; production requires it on API stages" },
  },
  {
    name: 'no result where access logging is asked of load balancers only',
    spec: (s) => void (production(s).dataProtection = dp({ accessLogging: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] })),
    resources: [prod(STAGE, 'orders/dev', { config: { accessLogging: { enabled: false } } })],
    expect: { 'orders/dev': 'none' },
  },
]);
