import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { AUTO_SUMMARY_RESOURCES, autoSummaryLine, parsePasses, passModeFor } from '../../src/cli/passes.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { JsonReport } from '../../src/report/json.js';
import { validateReport } from '../report/helpers.js';

const SPEC = 'test/cli/scan-fixture/envgate.yaml';
const SNAP = 'test/cli/scan-fixture/snapshot.json';
const ENV = { SOURCE_DATE_EPOCH: '1735689600' };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function scanJson(extra: string[]): Promise<{ code: number; report?: JsonReport; stderr: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'envgate-passes-'));
  dirs.push(dir);
  const out = memoryOutput();
  const code = await main(['scan', '--spec', SPEC, '--snapshot', SNAP, '--out', dir, '--format', 'json', ...extra], ENV, out);
  if (code === EXIT.input) return { code, stderr: out.stderr };
  const text = readFileSync(path.join(dir, 'envgate.json'), 'utf8');
  validateReport(text);
  return { code, report: JSON.parse(text) as JsonReport, stderr: out.stderr };
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

  it("'auto' (the default) lists every pass below 100,000 resources: the same report as 'all'", async () => {
    const auto = await scanJson([]);
    const explicit = await scanJson(['--passes', 'auto']);
    const all = await scanJson(['--passes', 'all']);
    expect(auto.report).toEqual(all.report);
    expect(explicit.report).toEqual(all.report);
    expect(all.report!.results.some((r) => r.status === 'pass')).toBe(true);
    // Nothing was counted, so nothing says so.
    expect(auto.stderr.filter((l) => l.includes('passing checks are counted'))).toEqual([]);
    expect(explicit.stderr.filter((l) => l.includes('passing checks are counted'))).toEqual([]);
  });

  it("'auto' counts passes from 100,000 resources on, and says so", () => {
    expect(AUTO_SUMMARY_RESOURCES).toBe(100_000);
    expect(parsePasses(undefined)).toBe('auto');
    expect(passModeFor('auto', 99_999)).toBe('all');
    expect(passModeFor('auto', 100_000)).toBe('summary');
    expect(passModeFor('all', 5_000_000)).toBe('all');
    expect(passModeFor('summary', 1)).toBe('summary');
    expect(autoSummaryLine(100_000)).toBe(
      'envgate: 100000 resources: passing checks are counted per rule and environment (passCounts in the JSON report), not listed one by one; --passes all lists every one',
    );
  });
});
