// The JSON report is written one result at a time; the bytes are JSON.stringify's.
import { describe, expect, it } from 'vitest';
import { buildJsonReport, writeJson } from '../../src/report/json.js';
import type { Evaluation } from '../../src/model/result.js';
import { cleanContext, sampleContext, sampleEvaluation } from './helpers.js';

function streamed(ev: Evaluation, ctx = sampleContext()): { text: string; chunks: number } {
  const chunks: string[] = [];
  writeJson(ev, ctx, { write: (c) => void chunks.push(c) });
  return { text: chunks.join(''), chunks: chunks.length };
}

describe('streamed JSON report', () => {
  it('is byte for byte the pretty-printed report', () => {
    const ev = sampleEvaluation();
    expect(streamed(ev).text).toBe(`${JSON.stringify(buildJsonReport(ev, sampleContext()), null, 2)}\n`);
    const empty: Evaluation = { results: [], rules: [], accessMatrix: [], costs: [], attribution: {} };
    expect(streamed(empty, cleanContext()).text).toBe(`${JSON.stringify(buildJsonReport(empty, cleanContext()), null, 2)}\n`);
    const counted: Evaluation = { ...ev, passCounts: [{ ruleId: 'tagging-required', environment: 'staging', passes: 7 }] };
    expect(streamed(counted).text).toBe(`${JSON.stringify(buildJsonReport(counted, sampleContext()), null, 2)}\n`);
  });

  it('writes each result as its own chunk', () => {
    const ev = sampleEvaluation();
    const few = streamed({ ...ev, results: ev.results.slice(0, 1) }).chunks;
    expect(streamed(ev).chunks - few).toBe(ev.results.length - 1);
  });

  it('starts a result with its indentation and ends the file with a newline', () => {
    const { text } = streamed(sampleEvaluation());
    expect(text).toMatch(/\n {2}"results": \[\n {4}\{\n {6}"ruleId": /);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
