// Rule lambda-deprecated-runtime: compliant and violating functions (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const FN = 'AWS::Lambda::Function';
const zip = (runtime: string) => ({ config: { packageType: 'Zip', runtime } });

ruleTester.run('lambda-deprecated-runtime', [
  {
    name: 'deprecated runtimes fail, supported ones and container images pass or give no result',
    spec: (s) => void (production(s).lambda = { forbidDeprecatedRuntimes: true }),
    resources: [
      prod(FN, 'node22', zip('nodejs22.x')),
      prod(FN, 'py313', zip('python3.13')),
      prod(FN, 'node20', zip('nodejs20.x')),
      prod(FN, 'py39', zip('python3.9')),
      prod(FN, 'go', zip('go1.x')),
      prod(FN, 'image', { config: { packageType: 'Image' } }),
    ],
    expect: { node22: 'pass', py313: 'pass', node20: 'fail', py39: 'fail', go: 'fail', image: 'none' },
    messages: { py39: "AWS::Lambda::Function 'py39': runtime python3.9 is deprecated; production allows only runtimes Lambda supports" },
  },
  {
    name: 'not required: no result',
    resources: [prod(FN, 'py39', zip('python3.9'))],
    expect: { py39: 'none' },
  },
]);
