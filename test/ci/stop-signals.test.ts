// A stopped run must not leave its children running: with-node.mjs passes stop signals on
// to the command it runs, and a fuzz child sees SIGTERM and its parent's end between cases
// (its cases resolve in microtasks, which once kept the event loop from ever seeing them).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('stop signals', () => {
  it('with-node.mjs passes SIGTERM on to its command and ends as it did', async () => {
    const dir = tempDir('envgate-signals-');
    const pidFile = path.join(dir, 'pid');
    const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const wrapper = spawn(process.execPath, [path.join(ROOT, '.ci/with-node.mjs'), '--', 'node', '-e', script], { stdio: 'ignore' });
    const done = exited(wrapper);
    expect(await until(() => { try { return readFileSync(pidFile, 'utf8').length > 0; } catch { return false; } }, 30_000)).toBe(true);
    const inner = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(inner)).toBe(true);
    wrapper.kill('SIGTERM');
    expect(await done).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await until(() => !alive(inner), 5_000)).toBe(true);
  }, 60_000);

  it('a fuzz child under tsx ends on SIGTERM', async () => {
    // The child is forked with an IPC channel, as run.ts forks it.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fuzz/run.ts'), '--child', 'spec', '1', '100000'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const done = exited(child);
    let started = false;
    child.on('message', (m: { type: string }) => { if (m.type === 'start') started = true; });
    expect(await until(() => started, 30_000)).toBe(true);
    child.kill('SIGTERM');
    expect(await done).toEqual({ code: null, signal: 'SIGTERM' });
  }, 60_000);

  it('a fuzz run stopped with SIGTERM leaves no child running', async () => {
    const seed = String(700_000 + (process.pid % 1000));
    const run = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fuzz/run.ts'), '--count', '100000', '--kind', 'spec', '--seed', seed], { cwd: ROOT, stdio: 'ignore' });
    const done = exited(run);
    const children = () => {
      try {
        return execFileSync('pgrep', ['-f', '--', `--child spec ${seed} `], { encoding: 'utf8' }).trim().split('\n').map(Number);
      } catch {
        return []; // pgrep exits 1 when nothing matches
      }
    };
    const found = await until(() => children().length === 1, 30_000);
    const [pid] = children();
    run.kill('SIGTERM');
    expect(found).toBe(true);
    expect(await done).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await until(() => !alive(pid!), 30_000)).toBe(true);
  }, 90_000);
});
