// The config file (.envgate.yaml or --config): values a team sets once, flags over the
// file over defaults, paths read from the file's folder, every problem located.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFor, loadConfig } from '../../src/cli/config-file.js';
import { InputError } from '../../src/model/diagnostics.js';
import { ROOT, runCli } from '../helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'envgate-config-'));
  cpSync(join(ROOT, 'fixtures/mht-api/envgate.yaml'), join(dir, 'spec/envgate.yaml'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/mht-api/snapshot.json'), join(dir, 'snapshot.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const report = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { run: { failOn: string; spec: { file: string } }; passCounts?: unknown[] };

describe('.envgate.yaml in the working directory', () => {
  beforeEach(() => {
    writeFileSync(
      join(dir, '.envgate.yaml'),
      ['version: 1', 'spec: spec/envgate.yaml', 'format: json,md', 'out: reports', 'fail-on: medium', 'baseline: last.json', 'scan:', '  passes: summary', ''].join('\n'),
    );
  });

  it('supplies the spec, formats, out dir, threshold and the scan section; a top-level key scan does not take is left alone', () => {
    const r = runCli(['scan', '--snapshot', 'snapshot.json'], { cwd: dir });
    expect(r.stderr).toContain('reports: reports/envgate.json, reports/envgate.md');
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(['envgate.json', 'envgate.md']);
    const json = report('reports/envgate.json');
    expect(json.run.failOn).toBe('medium');
    expect(json.run.spec.file).toBe('spec/envgate.yaml');
    expect(Array.isArray(json.passCounts)).toBe(true);
  });

  it('is overridden by flags', () => {
    const r = runCli(['scan', '--snapshot', 'snapshot.json', '--fail-on', 'low', '--out', 'mine', '--format', 'json', '--passes', 'all'], { cwd: dir });
    expect(r.stderr).toContain('reports: mine/envgate.json\n');
    expect(existsSync(join(dir, 'reports'))).toBe(false);
    const json = report('mine/envgate.json');
    expect(json.run.failOn).toBe('low');
    expect(json.passCounts).toBeUndefined();
  });
});

describe('--config FILE', () => {
  it('reads paths relative to the config file', () => {
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'ci/envgate.yaml'), 'version: 1\nspec: ../spec/envgate.yaml\nout: ../ci-out\nformat: [json]\n');
    const r = runCli(['scan', '--config', 'ci/envgate.yaml', '--snapshot', 'snapshot.json'], { cwd: dir });
    expect(r.stderr).toContain('reports: ci-out/envgate.json\n');
    expect(report('ci-out/envgate.json').run.spec.file).toBe('spec/envgate.yaml');
  });

  it('names a missing file', () => {
    const r = runCli(['scan', '--config', 'nope.yaml', '--snapshot', 'snapshot.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^nope\.yaml:1:1 file-not-found: cannot read config file: no such file$/m);
  });

  it('reports every problem at its line, unknown keys with a did-you-mean, and refuses a section option the command does not take', () => {
    writeFileSync(join(dir, 'bad.yaml'), ['version: 1', 'fail_on: high', 'format: [json, pdf]', 'passes: some', 'gate:', '  baseline: 3', ''].join('\n'));
    const r = runCli(['scan', '--config', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('bad.yaml:'));
    expect(lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'bad.yaml:2:1 unknown-key /fail_on:',
      "bad.yaml:3:16 unknown-format /format/1:",
      'bad.yaml:4:9 bad-value /passes:',
      'bad.yaml:6:13 wrong-type /gate/baseline:',
    ]);
    expect(lines[0]).toContain("unknown key 'fail_on'; did you mean 'fail-on'?");
    writeFileSync(join(dir, 'section.yaml'), 'version: 1\nscan:\n  baseline: last.json\n');
    const s = runCli(['scan', '--config', 'section.yaml', '--spec', 'spec/envgate.yaml', '--snapshot', 'snapshot.json'], { cwd: dir });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^section\.yaml:3:3 not-an-option \/scan\/baseline: envgate scan takes no --baseline/m);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('configFor', () => {
  it('takes the top-level options the command declares, then its section', () => {
    writeFileSync(join(dir, 'c.yaml'), 'version: 1\nfail-on: low\nbaseline: b.json\nregion: us-east-1\ngate:\n  fail-on: critical\n');
    const c = loadConfig(join(dir, 'c.yaml'), dir);
    expect(configFor(c, 'scan', ['fail-on', 'region'])).toEqual({ 'fail-on': 'low', region: ['us-east-1'] });
    expect(configFor(c, 'gate', ['fail-on', 'baseline'])).toEqual({ 'fail-on': 'critical', baseline: 'b.json' });
  });
  it('takes the price options in the inventory section, the cache read from the file folder', () => {
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'ci/p.yaml'), 'version: 1\ninventory:\n  prices: false\n  price-cache: cache/prices.json\n  price-cache-max-age: 3\n');
    const c = loadConfig(join(dir, 'ci/p.yaml'), dir);
    expect(configFor(c, 'inventory', ['prices', 'price-cache', 'price-cache-max-age', 'pricing-endpoint'])).toEqual({ prices: false, 'price-cache': join('ci', 'cache/prices.json'), 'price-cache-max-age': 3 });
  });

  it('needs version: 1', () => {
    writeFileSync(join(dir, 'v.yaml'), 'spec: x.yaml\n');
    expect(() => loadConfig(join(dir, 'v.yaml'), dir)).toThrow(InputError);
  });
});
