// Rule ecs-no-public-ip: services with and without public task addresses (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ECS = 'AWS::ECS::Service';

ruleTester.run('ecs-no-public-ip', [
  {
    name: 'a service assigning public IPs fails',
    spec: (s) => void (production(s).ecs = { noPublicIp: true }),
    resources: [
      prod(ECS, 'private', { config: { assignPublicIp: false, subnetIds: ['subnet-1'] } }),
      prod(ECS, 'public', { config: { assignPublicIp: true, subnetIds: ['subnet-2'] } }),
    ],
    expect: { private: 'pass', public: 'fail' },
    messages: { public: "AWS::ECS::Service 'public': the service assigns public IP addresses to its tasks; production forbids public IPs" },
  },
]);
