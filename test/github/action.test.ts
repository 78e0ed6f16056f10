// action.yml run end to end on this machine, as a runner would in someone else's
// repository: a workspace holding only a spec and a snapshot, a fake GITHUB_* environment
// (GITHUB_PATH, GITHUB_OUTPUT per step, GITHUB_STEP_SUMMARY, RUNNER_TEMP), each `run:` step
// executed with bash and its `env:` and `if:` expressions evaluated. `uses:` steps are not
// run (setup-node: the tests' Node is on PATH; the SARIF upload: its inputs are checked).
// envgate is installed from a tarball of this repository, as the envgate-version input allows.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { packInto } from '../helpers/pack.js';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

interface Ctx {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
}

/** A value of the expression language the action uses: dotted names only. */
function lookup(name: string, ctx: Ctx): string {
  const [scope, a, b, c] = name.trim().split('.');
  if (scope === 'inputs' && a !== undefined && b === undefined) {
    if (!(a in action.inputs)) throw new Error(`action.yml reads undeclared input ${a}`);
    return ctx.inputs[a] ?? action.inputs[a]!.default ?? '';
  }
  if (scope === 'github' && a === 'action_path') return ROOT;
  if (scope === 'steps' && a !== undefined && b === 'outputs' && c !== undefined) return ctx.steps[a]?.outputs[c] ?? '';
  throw new Error(`expression not understood by this test: ${name}`);
}

const substitute = (text: string, ctx: Ctx) => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => lookup(e, ctx));

/** `if:` conditions: comparisons with a string literal, joined by &&. */
function condition(expr: string, ctx: Ctx): boolean {
  return expr.split('&&').every((part) => {
    const m = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
    if (!m) throw new Error(`condition not understood by this test: ${part}`);
    const v = lookup(m[1]!, ctx);
    return m[2] === '==' ? v === m[3] : v !== m[3];
  });
}

interface ActionRun {
  outputs: Record<string, string>;
  summary: string;
  /** Exit code of each run step, by name; steps after a failing one do not run. */
  exits: Record<string, number>;
  skipped: string[];
  upload?: Record<string, string>;
  log: string;
  path: string[];
}

function runAction(workspace: string, runnerTemp: string, inputs: Record<string, string>): ActionRun {
  for (const [k, v] of Object.entries(action.inputs)) if (v.required && !(k in inputs)) throw new Error(`required input ${k} not given`);
  const gh = mkdtempSync(path.join(runnerTemp, 'files-'));
  const files = { GITHUB_PATH: path.join(gh, 'path'), GITHUB_STEP_SUMMARY: path.join(gh, 'summary'), GITHUB_OUTPUT: path.join(gh, 'output') };
  writeFileSync(files.GITHUB_PATH, '');
  writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  const ctx: Ctx = { inputs, steps: {} };
  const result: ActionRun = { outputs: {}, summary: '', exits: {}, skipped: [], log: '', path: [] };
  for (const step of action.runs.steps) {
    const name = step.name ?? step.uses ?? '?';
    if (step.if !== undefined && !condition(step.if, ctx)) {
      result.skipped.push(name);
      continue;
    }
    if (step.uses) {
      if (step.uses.startsWith('github/codeql-action/upload-sarif')) {
        result.upload = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(v, ctx)]));
      } else expect(step.uses).toMatch(/^actions\/setup-node@/);
      continue;
    }
    expect(step.shell, `${name}: shell`).toBe('bash');
    writeFileSync(files.GITHUB_OUTPUT, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
    // GITHUB_PATH entries of earlier steps come first on PATH, as on a runner.
    result.path = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse();
    const { NODE_OPTIONS: _n, ...base } = process.env;
    const env = {
      ...base,
      ...files,
      ...stepEnv,
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      SOURCE_DATE_EPOCH: '1767225600',
      PATH: [...result.path, process.env.PATH ?? ''].join(path.delimiter),
    };
    const r = spawnSync('bash', ['-e', '-c', substitute(step.run!, ctx)], { cwd: workspace, env, encoding: 'utf8', timeout: 600_000 });
    result.log += `## ${name}\n${r.stdout}${r.stderr}`;
    result.exits[name] = r.status ?? -1;
    const outputs = Object.fromEntries(
      readFileSync(files.GITHUB_OUTPUT, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    if (step.id) ctx.steps[step.id] = { outputs };
    if (r.status !== 0) break;
  }
  result.outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, substitute(v.value, ctx)]));
  result.summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
  return result;
}

// Each case runs the install step (npm install of the tarball): minutes on a loaded machine.
const INSTALL_TIMEOUT = 600_000;

let dir: string;
let workspace: string;
let runnerTemp: string;
let tarball: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'envgate-action-'));
  workspace = path.join(dir, 'someone-elses-repo');
  runnerTemp = path.join(dir, 'runner-temp');
  mkdirSync(workspace);
  mkdirSync(runnerTemp);
  copyFileSync(path.join(ROOT, 'fixtures/mht-api/envgate.yaml'), path.join(workspace, 'envgate.yaml'));
  copyFileSync(path.join(ROOT, 'fixtures/mht-api/snapshot.json'), path.join(workspace, 'snapshot.json'));
  tarball = packInto(dir);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the action in a workspace outside this repository', () => {
  it('scan with findings: installs envgate on PATH, sets outputs, writes the summary, uploads SARIF, fails the job with exit 1', () => {
    const r = runAction(workspace, runnerTemp, {
      spec: 'envgate.yaml',
      snapshot: 'snapshot.json',
      out: 'reports',
      'envgate-version': tarball,
      'upload-sarif': 'true',
      'sarif-category': 'envgate-production',
    });
    expect(r.exits['Install envgate'], r.log).toBe(0);
    expect(r.log).toMatch(/envgate 0\.1\.0 installed in /);
    expect(r.path).toEqual([path.join(runnerTemp, 'envgate', 'node_modules', '.bin')]);
    expect(existsSync(path.join(r.path[0]!, 'envgate'))).toBe(true);
    expect(r.exits['Run envgate'], r.log).toBe(0);
    expect(r.outputs).toEqual({
      'exit-code': '1',
      verdict: 'fail',
      failing: '23',
      blocking: '7',
      'not-evaluated': '0',
      json: 'reports/envgate.json',
      sarif: 'reports/envgate.sarif',
      markdown: 'reports/envgate.md',
      gate: '',
    });
    for (const f of ['envgate.json', 'envgate.sarif', 'envgate.md']) expect(existsSync(path.join(workspace, 'reports', f)), f).toBe(true);
    expect(r.summary.split('\n')[0]).toBe('**envgate scan: fail** (exit 1): 23 failing, 7 blocking, 0 not evaluated');
    expect(r.summary).toContain(readFileSync(path.join(workspace, 'reports', 'envgate.md'), 'utf8').trimEnd());
    expect(r.upload).toEqual({ sarif_file: 'reports/envgate.sarif', category: 'envgate-production' });
    expect(r.exits['Exit as envgate did']).toBe(1);
  }, INSTALL_TIMEOUT);

  it('gate that passes with fail-job false: no upload unless asked, the job succeeds, gate file in the outputs', () => {
    const r = runAction(workspace, runnerTemp, {
      spec: 'envgate.yaml',
      snapshot: 'snapshot.json',
      command: 'gate',
      from: 'staging',
      to: 'production',
      'fail-on': 'none',
      formats: 'json',
      out: 'gate-out',
      'fail-job': 'false',
      summary: 'true',
      'envgate-version': tarball,
    });
    expect(r.exits['Run envgate'], r.log).toBe(0);
    // staging -> production of the demo: 12 failures that involve production (one a
    // critical staging role granting into it); with fail-on none none of them blocks.
    expect(r.outputs).toEqual({
      'exit-code': '0',
      verdict: 'pass',
      failing: '12',
      blocking: '0',
      'not-evaluated': '0',
      json: 'gate-out/envgate.json',
      sarif: '',
      markdown: '',
      gate: 'gate-out/envgate-gate.json',
    });
    expect(JSON.parse(readFileSync(path.join(workspace, 'gate-out', 'envgate-gate.json'), 'utf8'))).toMatchObject({ verdict: 'pass', from: 'staging', to: 'production' });
    expect(r.upload).toBeUndefined();
    expect(r.skipped).toEqual(['Upload SARIF to code scanning', 'Exit as envgate did']);
    expect(r.summary).toBe('**envgate gate: pass** (exit 0): 12 failing, 0 blocking, 0 not evaluated\n\n');
  }, INSTALL_TIMEOUT);

  it('a bad input fails the run step itself, with the reason (nothing swallowed)', () => {
    const r = runAction(workspace, runnerTemp, { spec: 'envgate.yaml', command: 'deploy', 'envgate-version': tarball });
    expect(r.exits['Run envgate']).toBe(2);
    expect(r.log).toContain("::error::envgate action: command must be scan or gate, got 'deploy'");
    expect(r.exits['Exit as envgate did']).toBeUndefined();
  }, INSTALL_TIMEOUT);
});
