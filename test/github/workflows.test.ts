// The action and the example workflows parse, reference only options the CLI defines
// (read from the commands' own yargs builders, not a hand-kept list), and are guarded so
// they never run against AWS in this repository.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { commandName, COMMANDS } from '../../src/cli/commands/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GLOBAL = ['help', 'version', 'quiet', 'verbose', 'q', 'v', 'h'];

/** Option names (and aliases) of each command, from its builder. */
async function commandOptions(): Promise<Map<string, Set<string>>> {
  const m = new Map<string, Set<string>>();
  for (const entry of COMMANDS) {
    const name = commandName(entry);
    const c = await entry.load();
    const built = c.builder(yargs([]) as never) as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> } };
    const o = built.getOptions();
    m.set(name, new Set([...Object.keys(o.key), ...Object.values(o.alias).flat(), ...GLOBAL]));
  }
  return m;
}
const OPTIONS = await commandOptions();

function load(file: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = parseDocument(readFileSync(path.join(ROOT, file), 'utf8'));
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const WORKFLOWS = readdirSync(path.join(ROOT, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => `.github/workflows/${f}`);
const action = load('action.yml');

/** `envgate CMD --opt ...` invocations in a shell script (node src/bin/envgate.js, npx envgate, envgate). */
function invocations(script: string): { command: string; options: string[] }[] {
  const out: { command: string; options: string[] }[] = [];
  for (const line of script.split('\n')) {
    const m = /(?:envgate\.js|npx envgate|^\s*envgate)\s+([a-z-]+)(.*)$/.exec(line);
    if (!m) continue;
    out.push({ command: m[1]!, options: [...m[2]!.matchAll(/(?:^|\s)--([a-z][a-z-]*)/g)].map((x) => x[1]!) });
  }
  return out;
}

// How the action's inputs become options (the rest are the action's own).
const INPUT_OPTIONS: Record<string, string> = { spec: 'spec', formats: 'format', 'fail-on': 'fail-on', baseline: 'baseline', waivers: 'waivers', from: 'from', to: 'to', snapshot: 'snapshot', out: 'out' };
const ACTION_ONLY = ['command', 'extra-args', 'fail-job', 'node-version', 'envgate-version', 'upload-sarif', 'sarif-category', 'summary'];
// The action's run step, a script of its own (.github/action/run.sh) so it can be tested and linted.
const RUN_SCRIPT = readFileSync(path.join(ROOT, '.github/action/run.sh'), 'utf8');
const OUTPUTS_SCRIPT = readFileSync(path.join(ROOT, '.github/action/outputs.mjs'), 'utf8');

describe('action.yml', () => {
  it('is a composite action whose inputs map onto real options of scan and gate', () => {
    expect(action.runs.using).toBe('composite');
    for (const input of Object.keys(action.inputs)) {
      if (ACTION_ONLY.includes(input)) continue;
      const option = INPUT_OPTIONS[input];
      expect(option, `input ${input} has no option mapping`).toBeDefined();
      const where = ['baseline', 'waivers', 'from', 'to'].includes(input) ? ['gate'] : ['scan', 'gate'];
      for (const c of where) expect(OPTIONS.get(c)!.has(option!), `${c} --${option}`).toBe(true);
    }
  });

  it('passes only options the commands define', () => {
    expect((action.runs.steps as { id?: string; run?: string }[]).find((s) => s.id === 'run')!.run).toContain('.github/action/run.sh');
    const script = RUN_SCRIPT;
    const used = [...script.matchAll(/(?:^|[\s(])--([a-z][a-z-]*)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const o of used) expect(OPTIONS.get('gate')!.has(o) || OPTIONS.get('scan')!.has(o), `--${o}`).toBe(true);
    const both = /args=\(([^)]*)\)/.exec(script)![1]!;
    for (const m of both.matchAll(/--([a-z][a-z-]*)/g)) {
      expect(OPTIONS.get('scan')!.has(m[1]!) && OPTIONS.get('gate')!.has(m[1]!), `--${m[1]}`).toBe(true);
    }
  });

  it('declares the outputs it sets', () => {
    for (const [out, o] of Object.entries(action.outputs as Record<string, { value: string }>)) {
      expect(o.value).toBe(`\${{ steps.run.outputs.${out} }}`);
      expect(OUTPUTS_SCRIPT).toMatch(new RegExp(`['\\s{]${out}['\\s:,]`));
    }
  });
});

describe.each(WORKFLOWS)('%s', (file) => {
  const wf = load(file);
  const jobs = Object.entries(wf.jobs as Record<string, Record<string, any>>); // eslint-disable-line @typescript-eslint/no-explicit-any

  it('never runs on push or pull requests, and every job is guarded by vars.ENVGATE_ENABLED', () => {
    const on = typeof wf.on === 'string' ? [wf.on] : Object.keys(wf.on);
    expect(on.filter((t: string) => !['schedule', 'workflow_dispatch', 'workflow_call'].includes(t))).toEqual([]);
    const guarded = new Set<string>();
    for (const [id, job] of jobs) if (String(job.if ?? '').includes("vars.ENVGATE_ENABLED == 'true'")) guarded.add(id);
    for (const [id, job] of jobs) {
      const needs = [job.needs ?? []].flat() as string[];
      expect(guarded.has(id) || needs.some((n) => guarded.has(n)), `job ${id} is not guarded`).toBe(true);
    }
  });

  it('uses the action with its declared inputs and real options, and reads declared outputs', () => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, job] of jobs) {
      const steps = (job.steps ?? []) as { id?: string; uses?: string; with?: Record<string, string>; run?: string }[];
      const actionSteps = new Set<string>();
      for (const step of steps) {
        if (step.uses === './') {
          if (step.id) actionSteps.add(step.id);
          const w = step.with ?? {};
          for (const k of Object.keys(w)) expect(Object.keys(action.inputs), `input ${k}`).toContain(k);
          const command = w.command ?? action.inputs.command.default;
          expect(['scan', 'gate']).toContain(command);
          for (const k of Object.keys(w)) if (INPUT_OPTIONS[k]) expect(OPTIONS.get(command)!.has(INPUT_OPTIONS[k]!), `${command} --${INPUT_OPTIONS[k]}`).toBe(true);
          for (const m of String(w['extra-args'] ?? '').matchAll(/--([a-z][a-z-]*)/g)) expect(OPTIONS.get(command)!.has(m[1]!), `${command} --${m[1]}`).toBe(true);
        }
        for (const inv of invocations(step.run ?? '')) {
          expect(OPTIONS.has(inv.command), `command ${inv.command}`).toBe(true);
          for (const o of inv.options) expect(OPTIONS.get(inv.command)!.has(o), `${inv.command} --${o}`).toBe(true);
        }
      }
      for (const id of actionSteps) {
        for (const m of text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([a-z-]+)`, 'g'))) expect(Object.keys(action.outputs)).toContain(m[1]);
      }
    }
  });
});

it('the nightly example uploads SARIF per environment with its own category and uses OIDC', () => {
  const wf = load('.github/workflows/envgate-nightly.yml');
  expect(wf.permissions['id-token']).toBe('write');
  expect(wf.permissions['security-events']).toBe('write');
  const steps = wf.jobs.scan.steps as { uses?: string; with?: Record<string, string> }[];
  // The upload is the action's (upload-sarif), which skips an incomplete scan.
  const scan = steps.find((s) => s.uses === './')!;
  expect(scan.with!['upload-sarif']).toBe('true');
  expect(scan.with!['sarif-category']).toContain('${{ matrix.environment }}');
  expect(steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials') && s.with?.['role-to-assume'])).toBe(true);
  expect(steps.some((s) => s.uses?.startsWith('actions/download-artifact'))).toBe(true);
  expect(steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
});

it('the gate example has a deploy job that needs the gate', () => {
  const wf = load('.github/workflows/envgate-gate.yml');
  expect([wf.jobs.deploy.needs].flat()).toContain('gate');
  const gate = (wf.jobs.gate.steps as { uses?: string; with?: Record<string, string> }[]).find((s) => s.uses === './')!;
  expect(gate.with!.command).toBe('gate');
});

it('nothing in the action, its scripts or the examples swallows a failure', () => {
  const texts = ['action.yml', '.github/action/install.sh', '.github/action/run.sh', ...WORKFLOWS].map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')] as const);
  for (const [f, text] of texts) {
    expect(text, f).not.toMatch(/\|\|\s*true|continue-on-error|set \+e/);
    // Examples outside this repository have no src/: they run the envgate the action put on PATH.
    expect(text, f).not.toMatch(/src\/bin|npx envgate/);
  }
  const run = readFileSync(path.join(ROOT, '.github/action/run.sh'), 'utf8');
  expect(run).toMatch(/^set -euo pipefail$/m);
});

it('the organisation example shards inventory over accounts and regions, then scans once over the shards', () => {
  const wf = load('.github/workflows/envgate-org.yml');
  expect(Object.keys(wf.jobs.shard.strategy.matrix).sort()).toEqual(['account', 'region']);
  const shardRuns = (wf.jobs.shard.steps as { run?: string }[]).map((s) => s.run ?? '').join('\n');
  expect(invocations(shardRuns).map((i) => `${i.command} ${i.options.join(' ')}`)).toEqual(['inventory spec account region global out progress']);
  expect([wf.jobs.scan.needs].flat()).toEqual(['shard']);
  const scanSteps = wf.jobs.scan.steps as { uses?: string; run?: string; with?: Record<string, string> }[];
  expect(invocations(scanSteps.map((s) => s.run ?? '').join('\n')).map((i) => i.command)).toEqual([]);
  expect(scanSteps.find((s) => s.uses === './')!.with!['extra-args']).toBe('--shards shards');
  // The downloaded shards are where the scan reads them.
  expect(scanSteps.find((s) => s.uses === 'actions/download-artifact@v4')!.with!.path).toBe('shards');
});
