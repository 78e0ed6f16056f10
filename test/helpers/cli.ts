// Runs the compiled CLI (dist/bin/envgate.js) as a user's shell would: a child process
// of the Node running the tests. The test command builds dist/ first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST_BIN = path.join(ROOT, 'dist', 'bin', 'envgate.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled entry, or an error saying how to build it (never a silent pass). */
export function distBin(): string {
  if (!existsSync(DIST_BIN)) throw new Error(`${DIST_BIN} is missing: build first with npm run build (npm test does)`);
  return DIST_BIN;
}

/** `envgate ARGS` under this Node; NODE_OPTIONS and colour from the caller's env are dropped. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): CliRun {
  const { NODE_OPTIONS: _n, FORCE_COLOR: _f, ...env } = process.env;
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), distBin(), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...env, ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * runCli without blocking this process: for runs against an emulator this process
 * started, whose output pipes must keep draining (a blocked event loop stalls moto).
 */
export function runCliAsync(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const { NODE_OPTIONS: _n, FORCE_COLOR: _f, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [distBin(), ...args], { cwd: opts.cwd ?? ROOT, env: { ...env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
