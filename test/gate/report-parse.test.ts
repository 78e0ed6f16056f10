// Reading a JSON report back (baseline, diff, merge): each way a file can fail to be an
// envgate report, with the exact diagnostics, positions counted in the texts below.
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../src/gate/report-file.js';
import { InputError } from '../../src/model/diagnostics.js';
import { report, result } from './fixtures.js';

const NOT_READABLE = 'r.json: not an envgate JSON report this version can read';

function rejected(text: string): { message: string; diagnostics: unknown[] } {
  try {
    parseReport(text, 'r.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return { message: (err as InputError).message, diagnostics: (err as InputError).diagnostics };
  }
  throw new Error('expected an InputError');
}

const good = result('s3-encryption', 'arn:aws:s3:::prod-a');

describe('parseReport: not JSON', () => {
  it('locates the syntax error and words it on one line', () => {
    const { message, diagnostics } = rejected('{\n  "a": }\n');
    expect(message).toBe('r.json: not valid JSON');
    expect(diagnostics).toEqual([{ file: 'r.json', line: 2, column: 8, path: '', code: 'json-syntax', message: expect.stringMatching(/^Unexpected token '\}', "\{ "a": \} ?" is not valid JSON$/) }]);
  });

  it('places an error at a raw newline on the line the newline ends', () => {
    expect(rejected('{"a": "x\n"}').diagnostics).toEqual([expect.objectContaining({ code: 'json-syntax', line: 1, column: 9 })]);
  });
});

describe('parseReport: not an envgate report', () => {
  const notObject = { file: 'r.json', line: 1, column: 1, path: '', code: 'not-a-report', message: 'not a JSON object', expected: 'an envgate.json report' };
  const notEnvgate = { ...notObject, message: 'not an envgate report (no tool.name "envgate" or no results)' };

  it('refuses JSON that is not an object', () => {
    for (const text of ['null', '5', '"x"', '[]']) expect(rejected(text), text).toEqual({ message: NOT_READABLE, diagnostics: [notObject] });
  });

  it('refuses an object without tool.name "envgate", or without results', () => {
    expect(rejected(JSON.stringify({ results: [] }))).toEqual({ message: NOT_READABLE, diagnostics: [notEnvgate] });
    expect(rejected(JSON.stringify({ tool: { name: 'other' }, results: [] })).diagnostics).toEqual([notEnvgate]);
    expect(rejected(JSON.stringify({ tool: { name: 'envgate' } })).diagnostics).toEqual([notEnvgate]);
  });

  it('names an unsupported schema version, and stops there', () => {
    expect(rejected(JSON.stringify({ tool: { name: 'envgate' }, results: 5, schemaVersion: '1' }))).toEqual({
      message: NOT_READABLE,
      diagnostics: [{ file: 'r.json', line: 1, column: 56, path: '/schemaVersion', code: 'report-version', message: 'report schemaVersion "1" is not supported', expected: '1' }],
    });
  });

  it('wants results to be a list', () => {
    expect(rejected(JSON.stringify({ tool: { name: 'envgate' }, results: {}, schemaVersion: 1 }, null, 1)).diagnostics).toEqual([
      { file: 'r.json', line: 5, column: 13, path: '/results', code: 'wrong-type', message: 'results must be an array', expected: 'array' },
    ]);
  });
});

describe('parseReport: malformed results', () => {
  it('names every wrong field of every result, in plain words', () => {
    const text = JSON.stringify(
      {
        tool: { name: 'envgate' },
        schemaVersion: 1,
        results: [
          null,
          5,
          { fingerprint: `g${'a'.repeat(32)}`, status: 'failed', ruleId: 5, severity: 'urgent', resource: null },
          { ...good, fingerprint: `${'a'.repeat(32)}g`, status: 5, resource: 'x' },
          { ...good, resource: {} },
        ],
      },
      null,
      1,
    );
    const d = (line: number, column: number, path: string, code: string, message: string, expected: string) => ({ file: 'r.json', line, column, path, code, message, expected });
    const STATUS = 'fail | pass | not-evaluated';
    expect(rejected(text)).toEqual({
      message: NOT_READABLE,
      diagnostics: [
        d(7, 3, '/results/0', 'wrong-type', 'a result must be an object', 'object'),
        d(8, 3, '/results/1', 'wrong-type', 'a result must be an object', 'object'),
        d(10, 19, '/results/2/fingerprint', 'bad-fingerprint', 'fingerprint must be 32 hex characters', '[0-9a-f]{32}'),
        d(11, 14, '/results/2/status', 'bad-value', 'unknown status', STATUS),
        d(12, 14, '/results/2/ruleId', 'wrong-type', 'ruleId must be a string', 'string'),
        d(13, 16, '/results/2/severity', 'bad-value', 'unknown severity', 'critical | high | medium | low | info'),
        d(14, 16, '/results/2/resource', 'wrong-type', 'resource must be an object with an arn', 'object'),
        d(30, 19, '/results/3/fingerprint', 'bad-fingerprint', 'fingerprint must be 32 hex characters', '[0-9a-f]{32}'),
        d(18, 14, '/results/3/status', 'bad-value', 'unknown status', STATUS),
        d(21, 16, '/results/3/resource', 'wrong-type', 'resource must be an object with an arn', 'object'),
        d(37, 16, '/results/4/resource', 'wrong-type', 'resource must be an object with an arn', 'object'),
      ],
    });
  });
});

describe('parseReport: the full report schema', () => {
  it('reports each schema problem of the run: missing key, format, allowed values, minimum', () => {
    const r = report([good]) as unknown as { run: Record<string, unknown> };
    r.run.generatedAt = 'yesterday';
    r.run.failOn = 'urgent';
    r.run.apiCalls = { 'a:B': -1 };
    delete r.run.collectedAt;
    expect(rejected(JSON.stringify(r, null, 1))).toEqual({
      message: NOT_READABLE,
      diagnostics: [
        { file: 'r.json', line: 8, column: 9, path: '/run', code: 'missing-key', message: "missing required key 'collectedAt'", expected: 'collectedAt' },
        { file: 'r.json', line: 11, column: 18, path: '/run/generatedAt', code: 'bad-format', message: 'must match format "date-time"', expected: 'date-time' },
        { file: 'r.json', line: 24, column: 13, path: '/run/failOn', code: 'bad-value', message: 'must be equal to one of the allowed values', expected: '["critical","high","medium","low","info","none"]' },
        { file: 'r.json', line: 32, column: 11, path: '/run/apiCalls/a:B', code: 'invalid-value', message: 'must be >= 0' },
      ],
    });
  });

  it('lists at most 50 schema problems', () => {
    const many = report(Array.from({ length: 60 }, (_, i) => ({ ...result('s3-encryption', `arn:aws:s3:::b${i}`), message: 5 as unknown as string })));
    const { diagnostics } = rejected(JSON.stringify(many));
    expect(diagnostics).toHaveLength(50);
    expect(diagnostics[0]).toEqual({ file: 'r.json', line: 1, column: 1268, path: '/results/0/message', code: 'wrong-type', message: 'must be string', expected: 'string' });
  });

  it('reads a valid report back as it was written', () => {
    const r = report([good]);
    expect(parseReport(JSON.stringify(r), 'r.json')).toEqual(r);
  });
});
