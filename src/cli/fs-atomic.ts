// Atomic file writes: every file goes to a temp file in its own directory, then renames
// over the target, so a reader (or a failed run) never sees half a file. A group of files
// is written in two phases: all temp files first, then all renames. Temp files are named
// `.envgate-tmp-PID-HEX-NAME`: removed on SIGINT/SIGTERM/SIGHUP, and a killed run's ones
// (older than this process, their process gone) removed by the next write to the directory.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/diagnostics.js';
import { cleanStaleTemps, forgetTemp, trackTemp } from './temp-files.js';

/** The file operations used; tests substitute failing ones. */
export interface AtomicFs {
  mkdir(dir: string): void;
  /** Writes and flushes the whole file (may throw part-way). */
  writeFile(file: string, data: string): void;
  /** Writes the file chunk by chunk as `fill` produces them, then flushes it (may throw part-way). */
  writeStream(file: string, fill: (write: (chunk: string) => void) => void): void;
  rename(from: string, to: string): void;
  remove(file: string): void;
}

/** Chunks are gathered up to this many characters before each write (few syscalls, bounded memory). */
const STREAM_BUFFER_CHARS = 1 << 20;

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

function streamToFile(file: string, fill: (write: (chunk: string) => void) => void): void {
  const fd = openSync(file, 'wx', 0o644);
  try {
    let pending: string[] = [];
    let size = 0;
    fill((chunk) => {
      pending.push(chunk);
      size += chunk.length;
      if (size >= STREAM_BUFFER_CHARS) {
        writeAll(fd, pending.join(''));
        pending = [];
        size = 0;
      }
    });
    if (size > 0) writeAll(fd, pending.join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const nodeFs: AtomicFs = {
  mkdir: (dir) => void mkdirSync(dir, { recursive: true }),
  writeFile: (file, data) => streamToFile(file, (write) => write(data)),
  writeStream: streamToFile,
  rename: (from, to) => renameSync(from, to),
  remove: (file) => rmSync(file, { force: true }),
};

export interface FileToWrite {
  path: string;
  /** The whole text, or a function that writes it chunk by chunk (reports of any size). */
  data: string | ((write: (chunk: string) => void) => void);
}

/** Temp name in the target's directory (rename is atomic only within one filesystem). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.envgate-tmp-${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(target)}`);
}

/**
 * A new temp file for `target`, registered for removal on a signal; stale temp files of
 * killed runs in the same directory are removed first.
 */
export function newTempFor(target: string): string {
  cleanStaleTemps(path.dirname(target), { readdir: readdirSync, mtimeMs: (f) => statSync(f).mtimeMs, remove: (f) => rmSync(f, { force: true }) });
  const temp = tempPathFor(target);
  trackTemp(temp);
  return temp;
}

/**
 * Writes every file or none of them: any failure before the renames removes the temp
 * files and leaves existing targets untouched. Throws InputError naming the file.
 */
export function writeFilesAtomic(files: readonly FileToWrite[], fs: AtomicFs = nodeFs): void {
  const temps: { temp: string; target: string }[] = [];
  const fail = (target: string, err: unknown): never => {
    for (const t of temps) {
      try {
        fs.remove(t.temp);
      } catch {
        // best effort: the original error is the one to report
      }
      forgetTemp(t.temp);
    }
    // A refusal with its own diagnostics (a SARIF limit) is the error to show, not the write.
    if (err instanceof InputError) throw err;
    const message = (err as Error).message ?? String(err);
    throw new InputError(`cannot write ${target}: ${message}`, [
      { file: target, line: 1, column: 1, path: '', code: 'write-failed', message, expected: 'a writable directory (--out)' },
    ]);
  };
  for (const f of files) {
    try {
      fs.mkdir(path.dirname(f.path));
    } catch (err) {
      fail(f.path, err);
    }
    const temp = newTempFor(f.path);
    temps.push({ temp, target: f.path });
    try {
      if (typeof f.data === 'string') fs.writeFile(temp, f.data);
      else fs.writeStream(temp, f.data);
    } catch (err) {
      fail(f.path, err);
    }
  }
  for (let i = 0; i < temps.length; i++) {
    const t = temps[i]!;
    try {
      fs.rename(t.temp, t.target);
      forgetTemp(t.temp);
    } catch (err) {
      temps.splice(0, i); // renamed ones are complete files; remove only the rest
      fail(t.target, err);
    }
  }
}

export function writeFileAtomic(file: string, data: string, fs: AtomicFs = nodeFs): void {
  writeFilesAtomic([{ path: file, data }], fs);
}
