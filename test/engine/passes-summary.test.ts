import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { buildJsonReport, renderJson } from '../../src/report/json.js';
import { loadRules } from '../../src/rules/load.js';
import { loadSpec } from '../../src/spec/load.js';
import { sampleContext, validateReport } from '../report/helpers.js';

const RULES = loadRules();
const NOW = new Date('2025-01-01T00:00:00Z');

describe.each(['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz'])("passes: 'summary' on the %s fixture", (system) => {
  const spec = loadSpec(`fixtures/${system}/envgate.yaml`);
  const snapshot = readSnapshot(`fixtures/${system}/snapshot.json`);
  const all = evaluate({ spec, snapshot, rules: RULES, now: NOW });
  const summary = evaluate({ spec, snapshot, rules: RULES, now: NOW, passes: 'summary' });

  it('keeps every fail and not-evaluated result exactly, in the same order', () => {
    expect(summary.results).toEqual(all.results.filter((r) => r.status !== 'pass'));
    expect(all.passCounts).toBeUndefined();
  });

  it('counts the passes it leaves out per rule and environment', () => {
    const expected = new Map<string, number>();
    for (const r of all.results) {
      if (r.status !== 'pass') continue;
      const k = `${r.ruleId} ${String(r.resource.environment)}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    const got = new Map(summary.passCounts!.map((c) => [`${c.ruleId} ${String(c.environment)}`, c.passes]));
    expect(got).toEqual(expected);
    expect(summary.passCounts!.every((c) => c.passes > 0)).toBe(true);
  });

  it('gives a schema-valid JSON report whose totals match the full one', () => {
    const full = buildJsonReport(all, sampleContext());
    const short = buildJsonReport(summary, sampleContext());
    expect(short.summary).toEqual(full.summary);
    expect(short.passCounts).toEqual(summary.passCounts);
    validateReport(renderJson(summary, sampleContext()));
    expect('passCounts' in full).toBe(false);
  });
});

describe("passes: 'summary' in the Markdown report", () => {
  it('renders the same report as a full run', async () => {
    const { renderMarkdown } = await import('../../src/report/markdown.js');
    const spec = loadSpec('fixtures/mht-api/envgate.yaml');
    const snapshot = readSnapshot('fixtures/mht-api/snapshot.json');
    const all = evaluate({ spec, snapshot, rules: RULES, now: NOW });
    const summary = evaluate({ spec, snapshot, rules: RULES, now: NOW, passes: 'summary' });
    expect(renderMarkdown(summary, sampleContext())).toBe(renderMarkdown(all, sampleContext()));
  });
});
