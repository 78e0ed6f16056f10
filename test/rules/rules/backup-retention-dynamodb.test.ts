// Rule backup-retention-dynamodb: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const DDB = 'AWS::DynamoDB::Table';

ruleTester.run('backup-retention-dynamodb', [
  {
    name: 'tables with a backup requirement need PITR',
    spec: (s) => void (production(s).retention = { logGroups: [], s3Lifecycle: [], backups: [{ type: 'AWS::DynamoDB::Table', days: 35 }] }),
    resources: [prod(DDB, 't-ok', { config: { pointInTimeRecovery: true } }), prod(DDB, 't-off', { config: { pointInTimeRecovery: false } })],
    expect: { 't-ok': 'pass', 't-off': 'fail' },
  },
]);
