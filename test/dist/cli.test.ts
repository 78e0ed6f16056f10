// The compiled CLI as a user runs it: `node dist/bin/envgate.js ...` in a child process,
// on the Node running the tests (the test command runs them on Node 22 and on Node 24).
// It checks the exit codes and words a user sees, that commands which make no AWS call
// never load the AWS SDK, and that a live run prints no SDK deprecation warning.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { unsupportedNode } from '../../src/cli/node-version.js';
import { twoAccountSpec } from '../collect/spec-fixture.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { startMoto, type Moto } from '../helpers/moto.js';

const SPEC = 'fixtures/mht-api/envgate.yaml';
const SNAP = 'fixtures/mht-api/snapshot.json';
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

// A module hook (run before the CLI through --import) that writes one marker line to
// stderr for every AWS SDK module the process loads.
const SDK_TRACER = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module'; registerHooks({ load(url, c, next) { if (url.includes('/@aws-sdk/')) process.stderr.write('SDK-LOADED ' + url + '\\n'); return next(url, c); } });",
)}`;
const traced = (args: string[]) => runCli(args, { nodeArgs: ['--import', SDK_TRACER] });
// The SDK's warning names its class and the Node version it wants.
const SDK_WARNING = /NodeVersionSupportWarning|no longer support|Node\.js version/i;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'envgate-dist-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the compiled envgate command', { timeout: 300_000 }, () => {
  it('--version prints the package version', () => {
    const r = runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('--help lists every command and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['scan', 'gate', 'inventory', 'validate', 'rules', 'schema', 'diff', 'merge']) expect(r.stdout).toContain(`envgate ${c}`);
  });

  it("a command's --help shows its own options", () => {
    const r = runCli(['scan', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--snapshot/);
    expect(r.stdout).toMatch(/--fail-on/);
  });

  it('validate: a good spec is ok (exit 0), a bad one is named with file and line (exit 2)', () => {
    expect(runCli(['validate', SPEC])).toMatchObject({ code: 0, stdout: `${SPEC}: ok\n` });
    const bad = runCli(['validate', 'fixtures/invalid/bad-cidr.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^fixtures\/invalid\/bad-cidr\.yaml:\d+:\d+/m);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('the demo scan writes all three reports and exits 1 on its high findings', () => {
    const out = path.join(dir, 'demo');
    const r = runCli(['scan', '--spec', SPEC, '--snapshot', SNAP, '--out', out], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/envgate scan mht-api: 23 failing \(1 critical, 6 high, 14 medium, 2 low\)/);
    // The blocking findings follow the counts, most severe first, each with its fix.
    expect(r.stderr).toContain('\nblocking findings (7):\n  critical staging arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team: ');
    expect(r.stderr).toContain('\n      fix (isolation-iam-grants): Scope the policy');
    expect(readdirSync(out).sort()).toEqual(['envgate.json', 'envgate.md', 'envgate.sarif']);
  });

  it('-q prints only the verdict line; it ends every scan', () => {
    const args = ['scan', '--spec', SPEC, '--snapshot', SNAP, '--out', path.join(dir, 'quiet')];
    expect(runCli([...args, '-q'])).toEqual({ code: 1, stdout: '', stderr: 'envgate scan: FAIL (exit 1): 7 finding(s) at or above high\n' });
    expect(runCli([...args, '-q', '--fail-on', 'critical'])).toEqual({ code: 1, stdout: '', stderr: 'envgate scan: FAIL (exit 1): 1 finding(s) at or above critical\n' });
    expect(runCli([...args, '-q', '--fail-on', 'none'])).toEqual({ code: 0, stdout: '', stderr: 'envgate scan: PASS (exit 0): fail-on none\n' });
    const loud = runCli(args);
    expect(loud.stderr.trimEnd().split('\n').at(-1)).toBe('envgate scan: FAIL (exit 1): 7 finding(s) at or above high');
  });

  it('an unknown command is refused with a suggestion and exit 2', () => {
    const r = runCli(['scna']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean scan\?/);
  });

  it('commands that make no AWS call do not load the AWS SDK', () => {
    for (const args of [['--version'], ['--help'], ['validate', SPEC], ['scan', '--spec', SPEC, '--snapshot', SNAP, '--out', path.join(dir, 'nosdk'), '--fail-on', 'none']]) {
      const r = traced(args);
      expect(r.stderr, args.join(' ')).not.toMatch(/SDK-LOADED/);
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('refuses a Node older than engines allows, in one line', () => {
    expect(pkg.engines.node).toBe('>=22');
    expect(unsupportedNode('v20.20.2')).toBe(
      'envgate: needs Node.js 22 or later, this is v20.20.2 (Node 20 is past its end of life and the AWS SDK no longer supports it)',
    );
    expect(unsupportedNode('22.0.0')).toBeUndefined();
    expect(unsupportedNode('24.22.3')).toBeUndefined();
  });
});

describe('the compiled envgate command, live against the emulator (needs moto_server)', { timeout: 300_000 }, () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('inventory loads the SDK (the tracer works) and prints no SDK deprecation warning', () => {
    const spec = path.join(dir, 'live.yaml');
    writeFileSync(spec, stringify(twoAccountSpec()));
    const snap = path.join(dir, 'live-snapshot.json');
    const r = runCli(['inventory', '--spec', spec, '--endpoint', moto.endpoint, '--out', snap], {
      nodeArgs: ['--import', SDK_TRACER],
      env: { AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE0000', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1' },
    });
    expect(r.stderr).toMatch(/SDK-LOADED .*@aws-sdk\/client-/);
    const text = r.stderr.replace(/^SDK-LOADED .*\n/gm, '');
    expect(text).not.toMatch(SDK_WARNING);
    expect(text).toMatch(/envgate inventory: \d+ resources/);
    expect(r.code).toBe(0);
  });
});
