// Rule multi-az: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

const DB = 'AWS::RDS::DBInstance';

ruleTester.run('multi-az', [
  {
    name: 'databases listed under multiAz',
    spec: (s) => void (production(s).dataProtection = dp({ multiAz: [DB] })),
    resources: [prod(DB, 'db-maz', { config: { multiAz: true } }), prod(DB, 'db-single', { config: { multiAz: false } })],
    expect: { 'db-maz': 'pass', 'db-single': 'fail' },
  },
]);
