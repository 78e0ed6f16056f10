// A real child process killed while it writes: a signal removes its temp file; a kill that
// cannot be caught leaves one, which the next run's write to that directory removes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanStaleTemps } from '../../src/cli/temp-files.js';

const WRITER = 'test/cli/helpers/slow-writer.ts';
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'envgate-interrupt-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const temps = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.envgate-tmp-'));

/** Starts the writer, waits until its temp file has grown past 1 MiB, then sends `signal`. */
async function killMidWrite(dir: string, signal: NodeJS.Signals): Promise<{ signal: NodeJS.Signals | null; code: number | null; tempSeen: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path.join(dir, 'snapshot.json'), '400000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  let tempSeen = '';
  const deadline = Date.now() + 60_000;
  while (tempSeen === '' && Date.now() < deadline && child.exitCode === null) {
    const t = temps(dir)[0];
    if (t !== undefined && (statSync(path.join(dir, t), { throwIfNoEntry: false })?.size ?? 0) > 2 ** 20) tempSeen = t;
    else await new Promise((r) => setTimeout(r, 10));
  }
  child.kill(signal);
  const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  return { signal: sig, code, tempSeen, stdout };
}

describe('interrupted writes', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s mid-write removes the temp file, leaves no target, and ends the process by that signal', async (signal) => {
    const dir = tmp();
    const r = await killMidWrite(dir, signal);
    expect(r.tempSeen).toMatch(/^\.envgate-tmp-\d+-[0-9a-f]{8}-snapshot\.json$/);
    expect(r.stdout).toBe('writing\n'); // stopped before the write finished
    expect(r.signal).toBe(signal);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it("a killed run's temp file is removed by the next run's write to that directory, and only that", async () => {
    const dir = tmp();
    const r = await killMidWrite(dir, 'SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(temps(dir)).toEqual([r.tempSeen]);
    // Not envgate's (other name), or not stale: these stay.
    writeFileSync(path.join(dir, '.other-tool-tmp-123'), 'x');
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    const next = spawnSync(process.execPath, ['--import', 'tsx', WRITER, path.join(dir, 'envgate.md'), 'report'], { encoding: 'utf8' });
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.other-tool-tmp-123', 'envgate.md', 'notes.txt']);
  }, 120_000);

  it('leaves temp files that are newer than this process, belong to a running process, or are not named as envgate names them', () => {
    const dir = tmp();
    const names = ['.envgate-tmp-999999-0123abcd-a.json', '.envgate-tmp-999998-0123abcd-b.json', '.envgate-tmp-999997-0123abcd-c.json', '.envgate-tmp-x-0123abcd-d.json'];
    for (const n of names) writeFileSync(path.join(dir, n), 'x');
    const old = new Date('2020-01-01T00:00:00Z');
    for (const n of [names[0]!, names[1]!, names[3]!]) utimesSync(path.join(dir, n), old, old);
    const fs = { readdir: readdirSync, mtimeMs: (f: string) => statSync(f).mtimeMs, remove: (f: string) => rmSync(f) };
    const removed = cleanStaleTemps(dir, fs, Date.parse('2024-01-01T00:00:00Z'), (pid) => pid === 999998);
    expect(removed).toEqual([names[0]]);
    expect(readdirSync(dir).sort()).toEqual([names[1], names[2], names[3]].sort());
    expect(existsSync(path.join(dir, names[0]!))).toBe(false);
  });
});
