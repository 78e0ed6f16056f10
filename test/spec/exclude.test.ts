// The spec's exclude section: validated with located errors, defaults to [].
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { parseSpec } from '../../src/spec/load.js';

const spec = (exclude: string) => `version: 1
system: { name: t }
environments:
  staging:
    accounts: [{ id: "123456789012" }]
    regions: [us-west-2]
exclude:
${exclude}`;

function diags(text: string): [string, number, number, string][] {
  try {
    parseSpec(text, 'x.yaml');
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => [d.code, d.line, d.column, d.path]);
    throw err;
  }
  return [];
}

describe('spec exclude', () => {
  it('loads every field, and is [] when absent', () => {
    const { spec: s } = parseSpec(
      spec('  - type: AWS::EC2::*\n    name: legacy-*\n    arn: "arn:aws:ec2:*:123456789012:*"\n    reason: retired\n    owner: platform\n    expires: 2025-09-30\n'),
      'x.yaml',
    );
    expect(s.exclude).toEqual([{ type: 'AWS::EC2::*', name: 'legacy-*', arn: 'arn:aws:ec2:*:123456789012:*', reason: 'retired', owner: 'platform', expires: '2025-09-30' }]);
    expect(parseSpec(spec('  []\n').replace('exclude:\n  []\n', ''), 'x.yaml').spec.exclude).toEqual([]);
  });

  it('accepts exact types, type globs and re: patterns', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::EC2::*', 'AWS::*', 're:AWS::(S3|SQS)::.*']) {
      expect(diags(spec(`  - type: "${type}"\n    reason: r\n`))).toEqual([]);
    }
  });

  it('reports bad patterns, dates and types at their line and column', () => {
    expect(diags(spec('  - name: "re:("\n    reason: r\n'))).toEqual([['pattern', 8, 11, '/exclude/0/name']]);
    expect(diags(spec('  - arn: "s3:::x"\n    reason: r\n'))).toEqual([['arn', 8, 10, '/exclude/0/arn']]);
    expect(diags(spec('  - name: x\n    reason: r\n    expires: 2025-02-30\n'))).toEqual([['date', 10, 14, '/exclude/0/expires']]);
    expect(diags(spec('  - type: S3Bucket\n    reason: r\n'))).toEqual([['resource-type', 8, 11, '/exclude/0/type']]);
  });

  it('requires a reason, refuses unknown keys, and an exclusion that names nothing', () => {
    expect(diags(spec('  - name: x\n')).map((d) => d[0])).toEqual(['required']);
    expect(diags(spec('  - name: x\n    reason: r\n    until: 2025-01-01\n')).map((d) => [d[0], d[1]])).toEqual([['unknown-key', 10]]);
    expect(diags(spec('  - reason: everything\n    owner: me\n'))).toEqual([['exclude-target', 8, 5, '/exclude/0']]);
  });

  it('flags a likely typo in an exact type, not in a pattern', () => {
    expect(diags(spec('  - type: AWS::S3::Buckett\n    reason: r\n'))).toEqual([['resource-type', 8, 11, '/exclude/0/type']]);
    expect(diags(spec('  - type: AWS::S3::Buck*\n    reason: r\n'))).toEqual([]);
  });
});
