import { describe, expect, it } from 'vitest';
import { md, sarifText, terminalText } from '../../src/report/escape.js';
import { renderSarif } from '../../src/report/sarif.js';
import { result, sampleContext, sampleEvaluation, validateSarif } from './helpers.js';

type Message = { text: string; markdown: string };
type Log = { runs: { results: { message: Message }[]; invocations: { toolExecutionNotifications?: { message: Message }[] }[] }[] };

const HOSTILE = 'arn:aws:s3:::[x](javascript:alert(1))';

describe('text from AWS in SARIF', () => {
  it('escapes backslashes and brackets in plain text, so no embedded link can form (SARIF 2.1.0 §3.11.6)', () => {
    expect(sarifText('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(sarifText('a\\[b]')).toBe('a\\\\\\[b\\]');
    expect(sarifText('one\ntwo\r\nthree\u2028four')).toBe('one two three four');
    expect(sarifText('bell\u0007 esc\u001b[31m rtl\u202e c1\u009b')).toBe('bell esc\\[31m rtl c1');
  });

  it('writes a hostile resource name escaped in message.text and inert in message.markdown', () => {
    const ev = sampleEvaluation();
    ev.results = [result({ ruleId: 'encryption-at-rest', arn: HOSTILE, name: '[x](javascript:alert(1))', message: 'Bucket [x](javascript:alert(1)) is not encrypted.' })];
    const text = renderSarif(ev, sampleContext());
    validateSarif(text);
    const msg = (JSON.parse(text) as Log).runs[0]!.results[0]!.message;
    expect(msg.text).toBe('Bucket \\[x\\](javascript:alert(1)) is not encrypted. Resource: arn:aws:s3:::\\[x\\](javascript:alert(1)) (environment staging)');
    expect(msg.markdown).toBe(md('Bucket [x](javascript:alert(1)) is not encrypted. Resource: arn:aws:s3:::[x](javascript:alert(1)) (environment staging)'));
    expect(msg.markdown).not.toMatch(/(^|[^\\])\[x(\\)?\]\(/);
  });

  it('escapes collection error messages (text from AWS) in notifications', () => {
    const ctx = sampleContext();
    ctx.snapshot.errors = [{ accountId: '111111111111', region: 'eu-west-1', service: 's3', operation: 'ListBuckets', code: 'AccessDenied', message: 'see [here](https://evil.example)', affects: [] }];
    const log = JSON.parse(renderSarif(sampleEvaluation(), ctx)) as Log;
    const note = log.runs[0]!.invocations[0]!.toolExecutionNotifications!.find((n) => n.message.text.startsWith('Collection failed'))!;
    expect(note.message.text).toBe('Collection failed: s3:ListBuckets in account 111111111111 region eu-west-1: AccessDenied: see \\[here\\](https://evil.example)');
    expect(note.message.markdown).toContain('see \\[here\\](https://evil.example)');
  });

  it('strips line breaks and escape sequences from text printed to a terminal', () => {
    expect(terminalText('bucket\u001b]8;;http://x\u0007name\nnext')).toBe('bucket]8;;http://xname next');
  });
});
