import { describe, expect, it } from 'vitest';
import { blockingFindingLines } from '../../src/cli/findings.js';
import type { Result, RuleMeta, Severity } from '../../src/model/result.js';

const result = (i: number, severity: Severity, extra: Partial<Result> = {}): Result =>
  ({
    ruleId: 'enc',
    status: 'fail',
    severity,
    category: 'encryption',
    resource: { arn: `arn:aws:sqs:us-east-1:123456789012:q${i}`, type: 'AWS::SQS::Queue', environment: i % 2 ? 'staging' : null },
    message: `queue q${i} is not encrypted`,
    evidence: {},
    fingerprint: `f${i}`,
    ...extra,
  }) as Result;
const rules = [{ id: 'enc', remediation: 'Turn on SSE-KMS.' }] as RuleMeta[];

describe('blocking findings on the console', () => {
  it('lists unwaived failures at or above fail-on with their fix, nothing else', () => {
    const results = [
      result(1, 'high'),
      result(2, 'low'),
      result(3, 'critical', { waiver: { owner: 'a', reason: 'b', expires: '2099-01-01' } }),
      result(4, 'high', { baseline: 'existing' }),
      result(5, 'high', { status: 'pass' }),
      result(6, 'medium'),
    ];
    expect(blockingFindingLines(results, rules, 'medium')).toEqual([
      'blocking findings (2):',
      '  high staging arn:aws:sqs:us-east-1:123456789012:q1: queue q1 is not encrypted',
      '      fix (enc): Turn on SSE-KMS.',
      '  medium unattributed arn:aws:sqs:us-east-1:123456789012:q6: queue q6 is not encrypted',
      '      fix (enc): Turn on SSE-KMS.',
    ]);
    expect(blockingFindingLines(results, rules, 'none')).toEqual([]);
  });

  it('stops at the limit with "and N more"', () => {
    const results = [1, 2, 3, 4, 5].map((i) => result(i, 'high'));
    const lines = blockingFindingLines(results, rules, 'high', 2);
    expect(lines[0]).toBe('blocking findings (5):');
    expect(lines).toHaveLength(1 + 2 * 2 + 1);
    expect(lines.at(-1)).toBe('  ... and 3 more (see the reports)');
  });
});

describe('the scan verdict line', () => {
  it('names the verdict, the exit code and why', async () => {
    const { scanVerdictLine } = await import('../../src/cli/commands/scan.js');
    expect(scanVerdictLine(3, 2, 'high', 4, 1)).toBe('envgate scan: INCOMPLETE (exit 3): 4 check(s) not evaluated, 1 collection error(s)');
    expect(scanVerdictLine(1, 2, 'medium', 0, 0)).toBe('envgate scan: FAIL (exit 1): 2 finding(s) at or above medium');
    expect(scanVerdictLine(0, 0, 'low', 0, 0)).toBe('envgate scan: PASS (exit 0): no finding at or above low');
  });
});
