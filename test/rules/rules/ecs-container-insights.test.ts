// Rule ecs-container-insights: clusters with Container Insights on and off (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ECS = 'AWS::ECS::Cluster';

ruleTester.run('ecs-container-insights', [
  {
    name: 'enabled and enhanced pass, disabled fails',
    spec: (s) => void (production(s).ecs = { containerInsights: true }),
    resources: [
      prod(ECS, 'on', { config: { containerInsights: 'enabled', containerInsightsEnabled: true } }),
      prod(ECS, 'enhanced', { config: { containerInsights: 'enhanced', containerInsightsEnabled: true } }),
      prod(ECS, 'off', { config: { containerInsights: 'disabled', containerInsightsEnabled: false } }),
    ],
    expect: { on: 'pass', enhanced: 'pass', off: 'fail' },
    messages: { off: "AWS::ECS::Cluster 'off': Container Insights is off; production requires it on" },
  },
]);
