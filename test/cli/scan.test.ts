import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { makeScanCommand, type ScanArgs } from '../../src/cli/commands/scan.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { validateReport, validateSarif } from '../report/helpers.js';

const SPEC = 'test/cli/scan-fixture/envgate.yaml';
const SNAP = 'test/cli/scan-fixture/snapshot.json';
const INCOMPLETE = 'test/cli/scan-fixture/snapshot-incomplete.json';
const ENV = { SOURCE_DATE_EPOCH: '1735689600' };

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'envgate-scan-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function scan(args: string[], env: NodeJS.ProcessEnv = ENV) {
  const out = memoryOutput();
  const code = await main(['scan', ...args], env, out);
  return { code, out };
}

describe('envgate scan', () => {
  it('writes all three reports, valid, and exits 0 below the threshold', async () => {
    const dir = tmp();
    const { code, out } = await scan(['--spec', SPEC, '--snapshot', SNAP, '--out', dir]);
    expect(code).toBe(EXIT.ok);
    expect(readdirSync(dir).sort()).toEqual(['envgate.json', 'envgate.md', 'envgate.sarif']);
    validateReport(readFileSync(path.join(dir, 'envgate.json'), 'utf8'));
    validateSarif(readFileSync(path.join(dir, 'envgate.sarif'), 'utf8'));
    expect(out.stdout).toEqual([]);
    expect(out.stderr.join('\n')).toMatch(/1 failing \(1 medium\)/);
  });

  it('exits 1 when a finding is at or above --fail-on', async () => {
    expect((await scan(['--spec', SPEC, '--snapshot', SNAP, '--out', tmp(), '--fail-on', 'medium'])).code).toBe(EXIT.findings);
    expect((await scan(['--spec', SPEC, '--snapshot', SNAP, '--out', tmp(), '--fail-on', 'none'])).code).toBe(EXIT.ok);
  });

  it('exits 3 when incomplete, also when findings would exit 1', async () => {
    expect((await scan(['--spec', SPEC, '--snapshot', INCOMPLETE, '--out', tmp()])).code).toBe(EXIT.incomplete);
    expect((await scan(['--spec', SPEC, '--snapshot', INCOMPLETE, '--out', tmp(), '--fail-on', 'low'])).code).toBe(EXIT.incomplete);
    expect((await scan(['--spec', SPEC, '--snapshot', INCOMPLETE, '--out', tmp(), '--fail-on', 'none'])).code).toBe(EXIT.incomplete);
  });

  it('exits 2 on bad input, writing nothing, with the located diagnostic of each', async () => {
    const dir = tmp();
    const cases: [string[], string[]][] = [
      [['--spec', SPEC, '--snapshot', SNAP, '--out', dir, '--format', 'json,pdf'], ["envgate: --format: 'pdf' is not one of json, sarif, md, markdown, csv, junit, ocsf, asff, html", 'Run envgate --help for usage.']],
      [['--spec', SPEC, '--snapshot', SNAP, '--out', '-'], ['envgate: --out - prints one format, 3 were asked for (expected one of --format json, sarif, md, csv, junit, ocsf, asff, html)', 'Run envgate --help for usage.']],
      [['--spec', SPEC, '--snapshot', SNAP, '--out', '-', '--format', 'json,md'], ['envgate: --out - prints one format, 2 were asked for (expected one of --format json, sarif, md, csv, junit, ocsf, asff, html)', 'Run envgate --help for usage.']],
      [['--spec', SPEC, '--snapshot', SNAP, '--out', dir, '--environment', 'qa'], [`${SPEC}:10:3 unknown-environment /environments: --environment qa is not an environment of the spec or an alias of one (expected production, staging)`, "envgate: unknown environment 'qa'"]],
      [['--spec', 'no/such/spec.yaml', '--snapshot', SNAP, '--out', dir], ['no/such/spec.yaml:1:1 unreadable: cannot read the file: no such file (expected a readable spec file)', 'envgate: no/such/spec.yaml: 1 problem; the spec is not valid']],
      [['--spec', SPEC, '--snapshot', 'no/such/snapshot.json', '--out', dir], ["no/such/snapshot.json:1:1 file-not-found: ENOENT: no such file or directory, stat 'no/such/snapshot.json'", 'envgate: cannot read snapshot no/such/snapshot.json']],
      [['--spec', SPEC, '--snapshot', SNAP, '--out', dir, '--fail-on', 'severe'], ["envgate: --fail-on: 'severe' is not one of critical, high, medium, low, none", 'Run envgate --help for usage.']],
    ];
    for (const [args, stderr] of cases) {
      const { code, out } = await scan(args);
      expect(code, args.join(' ')).toBe(EXIT.input);
      expect(out.stderr, args.join(' ')).toEqual(stderr);
      expect(out.stdout, args.join(' ')).toEqual([]);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says an option error once, as usage, and an unknown environment at the spec', async () => {
    const { out } = await scan(['--spec', SPEC, '--snapshot', SNAP, '--out', '-', '--format', 'json,sarif']);
    expect(out.stderr).toEqual(['envgate: --out - prints one format, 2 were asked for (expected one of --format json, sarif, md, csv, junit, ocsf, asff, html)', 'Run envgate --help for usage.']);
    const bad = await scan(['--spec', SPEC, '--snapshot', SNAP, '--environment', 'qa', '--out', '-', '--format', 'json']);
    expect(bad.out.stderr).toEqual([`${SPEC}:10:3 unknown-environment /environments: --environment qa is not an environment of the spec or an alias of one (expected production, staging)`, "envgate: unknown environment 'qa'"]);
  });

  it('prints exactly one format to stdout with --out -', async () => {
    const { code, out } = await scan(['--spec', SPEC, '--snapshot', SNAP, '--out', '-', '--format', 'sarif']);
    expect(code).toBe(EXIT.ok);
    expect(out.stdout).toHaveLength(1);
    validateSarif(`${out.stdout[0]!}\n`);
  });

  it('is byte-identical across runs with SOURCE_DATE_EPOCH set', async () => {
    const a = tmp();
    const b = tmp();
    await scan(['--spec', SPEC, '--snapshot', INCOMPLETE, '--out', a]);
    await scan(['--spec', SPEC, '--snapshot', INCOMPLETE, '--out', b]);
    for (const f of ['envgate.json', 'envgate.sarif', 'envgate.md']) {
      expect(readFileSync(path.join(a, f), 'utf8'), f).toBe(readFileSync(path.join(b, f), 'utf8'));
    }
    expect(readFileSync(path.join(a, 'envgate.json'), 'utf8')).toContain('"generatedAt": "2025-01-01T00:00:00.000Z"');
  });

  it('limits results to --environment and names the category after it', async () => {
    const { out } = await scan(['--spec', SPEC, '--snapshot', SNAP, '--out', '-', '--format', 'json', '--environment', 'production']);
    const report = JSON.parse(out.stdout[0]!) as { results: { resource: { environment: string } }[]; run: { category: string } };
    expect(report.results.length).toBeGreaterThan(0);
    expect(new Set(report.results.map((r) => r.resource.environment))).toEqual(new Set(['production']));
    expect(report.run.category).toBe('envgate/tiny/production');
  });

  it('collects live by default (collector injected) and marks the snapshot source', async () => {
    const snapshot = JSON.parse(readFileSync(SNAP, 'utf8')) as Snapshot;
    let collected = 0;
    const cmd = makeScanCommand({
      collect: async () => {
        collected++;
        return snapshot;
      },
      cwd: () => process.cwd(),
    });
    const out = memoryOutput();
    const ctx: CommandContext = { out, env: {}, now: () => new Date('2025-01-01T00:00:00Z') };
    const args = { spec: SPEC, out: '-', format: ['json'], 'fail-on': 'high', quiet: false, verbose: false } as ScanArgs & { quiet: boolean; verbose: boolean };
    expect(await cmd.run(args, ctx)).toBe(EXIT.ok);
    expect(collected).toBe(1);
    expect((JSON.parse(out.stdout[0]!) as { run: { snapshot: { source: string } } }).run.snapshot.source).toBe('live');
  });
});
