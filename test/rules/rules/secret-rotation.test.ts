// Rule secret-rotation: rotation on, interval and age within secrets.rotationDays of the
// scan's time (NOW = 2025-01-01).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const SECRET = 'AWS::SecretsManager::Secret';
const enc = { enabled: true, algorithm: 'aws:kms', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k1', customerManagedKey: true };
const secret = (name: string, config: object) => prod(SECRET, name, { config: { encryption: enc, policy: null, ...config } });

ruleTester.run('secret-rotation', [
  {
    name: 'rotation on, often enough and recent passes; off, too rare or too old fails',
    spec: (s) => void (production(s).secrets = { rotationDays: 30 }),
    resources: [
      secret('ok', { rotationEnabled: true, rotationIntervalDays: 30, lastRotated: '2024-12-10T00:00:00.000Z', created: '2023-01-01T00:00:00.000Z' }),
      secret('off', { rotationEnabled: false, created: '2024-12-20T00:00:00.000Z' }),
      secret('rare', { rotationEnabled: true, rotationIntervalDays: 90, lastRotated: '2024-12-30T00:00:00.000Z' }),
      secret('stale', { rotationEnabled: true, rotationIntervalDays: 30, lastRotated: '2024-11-01T00:00:00.000Z' }),
      secret('never', { rotationEnabled: true, rotationIntervalDays: 7, created: '2024-06-01T00:00:00.000Z' }),
      secret('cron', { rotationEnabled: true, rotationSchedule: 'cron(0 16 1,15 * ? *)', lastRotated: '2024-12-15T00:00:00.000Z' }),
      prod(SECRET, 'uncollected', { config: { encryption: enc } }),
    ],
    expect: { ok: 'pass', off: 'fail', rare: 'fail', stale: 'fail', never: 'fail', cron: 'not-evaluated', uncollected: 'not-evaluated' },
    messages: {
      ok: "AWS::SecretsManager::Secret 'ok': rotates every 30 days, last 2024-12-10",
      off: "AWS::SecretsManager::Secret 'off': rotation is off; production requires rotation at least every 30 days",
      rare: "AWS::SecretsManager::Secret 'rare': rotates every 90 days; production requires rotation at least every 30 days",
      stale: "AWS::SecretsManager::Secret 'stale': last rotated 2024-11-01, 61 days before the scan; production requires rotation at least every 30 days",
      never: "AWS::SecretsManager::Secret 'never': never rotated since its creation 2024-06-01, 214 days before the scan; production requires rotation at least every 30 days",
      cron: "AWS::SecretsManager::Secret 'cron': rotation schedule cron(0 16 1,15 * ? *) gives no interval in days",
    },
  },
  {
    name: 'the last day within the limit passes, the day after fails',
    spec: (s) => void (production(s).secrets = { rotationDays: 30 }),
    resources: [
      secret('edge', { rotationEnabled: true, rotationIntervalDays: 30, lastRotated: '2024-12-02T00:00:00.000Z' }),
      secret('over', { rotationEnabled: true, rotationIntervalDays: 30, lastRotated: '2024-12-01T00:00:00.000Z' }),
    ],
    expect: { edge: 'pass', over: 'fail' },
  },
  {
    name: 'no requirement, no result',
    resources: [secret('off', { rotationEnabled: false })],
    expect: { off: 'none' },
  },
]);
