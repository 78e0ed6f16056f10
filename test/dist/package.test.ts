// The package as a user gets it: `npm pack`, installed from the tarball into an empty
// project outside this repository, then run through its own node_modules/.bin and
// imported as a library. Dependencies come from the npm cache (or registry), as for a user.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { npmInstall, packedFiles, packInto } from '../helpers/pack.js';

const SPEC = path.join(ROOT, 'fixtures/mht-api/envgate.yaml');
const SNAP = path.join(ROOT, 'fixtures/mht-api/snapshot.json');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

let dir: string;
let project: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'envgate-pack-'));
  project = path.join(dir, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'someone-else', version: '1.0.0', private: true, type: 'module' }));
  npmInstall(project, packInto(dir));
}, 600_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The installed `envgate` command, run from the empty project (PATH has this Node first). */
function envgate(...args: string[]) {
  const r = spawnSync(path.join(project, 'node_modules', '.bin', 'envgate'), args, { cwd: project, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the packed package', { timeout: 300_000 }, () => {
  it('holds the compiled code, the rules and the docs, not the sources or tests', () => {
    const files = packedFiles();
    expect(files).toContain('dist/bin/envgate.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files.some((f) => f.startsWith('rules/'))).toBe(true);
    expect(files.filter((f) => /^(src|test|fixtures|bench|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('installed in an empty project: envgate --version, validate and the demo scan run', () => {
    expect(envgate('--version')).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect(envgate('validate', SPEC)).toMatchObject({ code: 0, stdout: `${SPEC}: ok\n` });
    const r = envgate('scan', '--spec', SPEC, '--snapshot', SNAP, '--out', 'out', '--fail-on', 'none');
    expect(r.stderr).toMatch(/envgate scan mht-api: 23 failing \(1 critical, 6 high, 14 medium, 2 low\), 526 passing/);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(project, 'out')).sort()).toEqual(['envgate.json', 'envgate.md', 'envgate.sarif']);
  }, 300_000);

  it("npx envgate resolves to the project's installed copy", () => {
    const r = spawnSync('npx', ['--no-install', 'envgate', '--version'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(r.status).toBe(0);
  });

  it("import { scan } from 'envgate': spec and snapshot in, the evaluation out; bad input is an InputError", () => {
    const script = `
      import { scan, InputError, VERSION } from 'envgate';
      const ev = await scan({ spec: ${JSON.stringify(SPEC)}, snapshot: ${JSON.stringify(SNAP)}, now: new Date('2026-01-01T00:00:00Z') });
      const fails = ev.results.filter((r) => r.status === 'fail');
      let bad = '';
      try { await scan({ spec: { text: 'version: 1\\nsystem: {}\\n', file: 'inline.yaml' }, snapshot: ${JSON.stringify(SNAP)} }); }
      catch (e) { bad = e instanceof InputError ? e.diagnostics.map((d) => d.file + ':' + d.line + ' ' + d.path).join(', ') : 'not an InputError: ' + e; }
      console.log(JSON.stringify({ VERSION, fails: fails.length, critical: fails.filter((r) => r.severity === 'critical').length, bad }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ VERSION: pkg.version, fails: 23, critical: 1, bad: 'inline.yaml:1 /environments, inline.yaml:2 /system/name' });
  });

  it('a TypeScript consumer gets the declared types', () => {
    const dts = readFileSync(path.join(project, 'node_modules', 'envgate', 'dist', 'index.d.ts'), 'utf8');
    expect(dts).toMatch(/export declare function scan\(options: ScanOptions\): Promise<Evaluation>/);
  });
});
