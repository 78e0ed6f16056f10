// Rule ecr-immutable-tags: compliant and violating repositories (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const ECR = 'AWS::ECR::Repository';

ruleTester.run('ecr-immutable-tags', [
  {
    name: 'immutable tags required; the exclusion form counts as immutable',
    spec: (s) => void (production(s).ecr = { immutableTags: true }),
    resources: [
      prod(ECR, 'fixed', { config: { tagMutability: 'IMMUTABLE' } }),
      prod(ECR, 'fixed-but-latest', { config: { tagMutability: 'IMMUTABLE_WITH_EXCLUSION' } }),
      prod(ECR, 'mutable', { config: { tagMutability: 'MUTABLE' } }),
      prod(ECR, 'mostly-mutable', { config: { tagMutability: 'MUTABLE_WITH_EXCLUSION' } }),
    ],
    expect: { fixed: 'pass', 'fixed-but-latest': 'pass', mutable: 'fail', 'mostly-mutable': 'fail' },
    messages: { mutable: "AWS::ECR::Repository 'mutable': image tags are MUTABLE; production requires immutable tags" },
  },
]);
