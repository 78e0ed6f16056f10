// envgate's own temp files: the ones this process is writing are removed when a signal
// stops it (then the signal is raised again, so the exit status says what happened), and
// the ones a killed run left behind are removed by the next write to their directory.
import { rmSync } from 'node:fs';
import path from 'node:path';

/** `.envgate-tmp-PID-HEX-NAME`, as tempPathFor names them. */
const TEMP_NAME = /^\.envgate-tmp-(\d+)-[0-9a-f]{8}-./s;

const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let handlersInstalled = false;

function onSignal(signal: NodeJS.Signals): void {
  // recursive: a spill directory (collect/spill.ts) is tracked too.
  for (const f of live) rmSync(f, { recursive: true, force: true });
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Registers a temp file (or directory) this process is about to write. */
export function trackTemp(file: string): void {
  live.add(file);
  if (!handlersInstalled) {
    handlersInstalled = true;
    for (const s of SIGNALS) process.on(s, onSignal);
  }
}

/** The temp file was renamed or removed: nothing left to clean. */
export function forgetTemp(file: string): void {
  live.delete(file);
}

export interface TempDir {
  readdir(dir: string): string[];
  mtimeMs(file: string): number;
  remove(file: string): void;
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files that killed runs left in `dir`: named as envgate names them, last
 * written before this process started, and not written by a process that still runs
 * (a parallel envgate keeps its own). Returns the names removed; never throws.
 */
export function cleanStaleTemps(dir: string, fs: TempDir, startedMs = performance.timeOrigin, runs: (pid: number) => boolean = processRuns): string[] {
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return []; // not there yet: nothing stale
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    const pid = Number(m[1]);
    try {
      if (live.has(file) || pid === process.pid || fs.mtimeMs(file) >= startedMs || runs(pid)) continue;
      fs.remove(file);
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
  return removed;
}
