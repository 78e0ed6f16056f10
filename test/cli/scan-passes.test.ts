import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { passesHint, SUMMARY_HINT_RESOURCES } from '../../src/cli/pipeline.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { JsonReport } from '../../src/report/json.js';
import { validateReport } from '../report/helpers.js';

const SPEC = 'test/cli/scan-fixture/envgate.yaml';
const SNAP = 'test/cli/scan-fixture/snapshot.json';
const ENV = { SOURCE_DATE_EPOCH: '1735689600' };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function scanJson(extra: string[]): Promise<{ code: number; report?: JsonReport }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'envgate-passes-'));
  dirs.push(dir);
  const code = await main(['scan', '--spec', SPEC, '--snapshot', SNAP, '--out', dir, '--format', 'json', ...extra], ENV, memoryOutput());
  if (code === EXIT.input) return { code };
  const text = readFileSync(path.join(dir, 'envgate.json'), 'utf8');
  validateReport(text);
  return { code, report: JSON.parse(text) as JsonReport };
}

describe('envgate scan --passes', () => {
  it("'summary' lists no passes, counts them, and keeps totals and exit code", async () => {
    const all = await scanJson([]);
    const summary = await scanJson(['--passes', 'summary']);
    expect(summary.code).toBe(all.code);
    expect(summary.report!.results).toEqual(all.report!.results.filter((r) => r.status !== 'pass'));
    expect(summary.report!.summary).toEqual(all.report!.summary);
    const counted = summary.report!.passCounts!.reduce((n, c) => n + c.passes, 0);
    expect(counted).toBe(all.report!.results.filter((r) => r.status === 'pass').length);
    expect(all.report!.passCounts).toBeUndefined();
  });

  it('rejects an unknown value with a usage error', async () => {
    expect((await scanJson(['--passes', 'some'])).code).toBe(EXIT.input);
  });

  it('hints at summary mode for a large estate only when --passes was not given', () => {
    expect(passesHint(SUMMARY_HINT_RESOURCES, undefined)).toMatch(/^envgate: 100000 resources: --passes summary/);
    expect(passesHint(SUMMARY_HINT_RESOURCES - 1, undefined)).toBeUndefined();
    expect(passesHint(SUMMARY_HINT_RESOURCES, 'all')).toBeUndefined();
    expect(passesHint(SUMMARY_HINT_RESOURCES, 'summary')).toBeUndefined();
  });
});
