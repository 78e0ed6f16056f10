// Rule ecr-scan-on-push: compliant and violating repositories (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ECR = 'AWS::ECR::Repository';

ruleTester.run('ecr-scan-on-push', [
  {
    name: 'scan on push required',
    spec: (s) => void (production(s).ecr = { scanOnPush: true }),
    resources: [prod(ECR, 'scanned', { config: { scanOnPush: true } }), prod(ECR, 'unscanned', { config: { scanOnPush: false } })],
    expect: { scanned: 'pass', unscanned: 'fail' },
    messages: { unscanned: "AWS::ECR::Repository 'unscanned': images are not scanned on push; production requires scan on push" },
  },
  {
    name: 'not required: no result',
    spec: (s) => void (production(s).ecr = { scanOnPush: false }),
    resources: [prod(ECR, 'unscanned', { config: { scanOnPush: false } })],
    expect: { unscanned: 'none' },
  },
]);
