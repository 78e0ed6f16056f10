import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/gate/baseline.js';
import { parseReport } from '../../src/gate/report-file.js';
import { InputError } from '../../src/model/diagnostics.js';
import { BUCKET_A, report, result } from './fixtures.js';

function diagnostics(text: string) {
  try {
    parseReport(text, 'old.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).diagnostics;
  }
  throw new Error('expected an InputError');
}

describe('reading reports back (baselines)', () => {
  it('takes the fingerprints of every failure, waived or not', () => {
    const failing = result('s3-encryption', BUCKET_A);
    const text = JSON.stringify(report([failing, result('s3-versioning', BUCKET_A, { status: 'pass' })]));
    expect([...parseBaseline(text, 'old.json').fingerprints]).toEqual([failing.fingerprint]);
  });

  it('locates JSON syntax errors', () => {
    const [d] = diagnostics('{\n  "schemaVersion": 1,\n  "tool": }\n');
    expect(d).toMatchObject({ file: 'old.json', code: 'json-syntax', line: 3 });
  });

  it('rejects another schema version with its position', () => {
    const text = JSON.stringify({ ...report([]), schemaVersion: 99 }, null, 2);
    const [d] = diagnostics(text);
    expect(d).toMatchObject({ code: 'report-version', path: '/schemaVersion', line: 2, column: 20 });
  });

  it('rejects files that are not envgate reports (a snapshot, a SARIF file)', () => {
    expect(diagnostics('{"version": "2.1.0", "runs": []}')[0]).toMatchObject({ code: 'not-a-report', line: 1, column: 1 });
    expect(diagnostics('[]')[0]).toMatchObject({ code: 'not-a-report' });
  });

  it('locates malformed results', () => {
    const r = report([result('s3-encryption', BUCKET_A)]);
    (r.results[0] as { fingerprint: string }).fingerprint = 'nope';
    const ds = diagnostics(JSON.stringify(r, null, 2));
    expect(ds).toEqual([expect.objectContaining({ code: 'bad-fingerprint', path: '/results/0/fingerprint' })]);
    expect(ds[0]!.line).toBeGreaterThan(1);
  });
});

describe('jsonErrorOffset', () => {
  it('finds the first error, or -1 for valid JSON', async () => {
    const { jsonErrorOffset } = await import('../../src/util/json-error.js');
    expect(jsonErrorOffset('{"a": [1, 2.5e3, "x\\n", true, null, {}]}')).toBe(-1);
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('"unterminated')).toBe(13);
    expect(jsonErrorOffset('')).toBe(0);
  });
});
