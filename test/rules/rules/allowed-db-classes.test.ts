// Rule allowed-db-classes: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const DB = 'AWS::RDS::DBInstance';

ruleTester.run('allowed-db-classes', [
  {
    name: 'allowed DB classes',
    spec: (s) => void (production(s).compute = { dbInstanceClasses: ['db.t3.small'] }),
    resources: [prod(DB, 'db-ok', { config: { instanceClass: 'db.t3.small' } }), prod(DB, 'db-big', { config: { instanceClass: 'db.r5.large' } })],
    expect: { 'db-ok': 'pass', 'db-big': 'fail' },
  },
]);
