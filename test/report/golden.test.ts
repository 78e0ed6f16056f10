// Golden files: the exact bytes of each format for a hand-built evaluation. Regenerate
// after an intended change with UPDATE_GOLDEN=1 and review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { sampleContext, sampleEvaluation, validateReport, validateSarif } from './helpers.js';

const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

/** Only UPDATE_GOLDEN=1 writes a golden file; a missing one fails instead of being made up. */
function compare(name: string, actual: string): void {
  const file = golden(name);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: write it with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden reports', () => {
  const ev = sampleEvaluation();
  const ctx = sampleContext();
  it('json', () => {
    const text = renderJson(ev, ctx);
    validateReport(text);
    compare('sample.json', text);
  });
  it('sarif', () => {
    const text = renderSarif(ev, ctx);
    validateSarif(text);
    compare('sample.sarif', text);
  });
  it('markdown', () => compare('sample.md', renderMarkdown(ev, ctx)));
});
