// Reports are written all-or-nothing: a failure part-way leaves no partial file, no temp
// file, and the previous reports untouched.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AtomicFs, nodeFs, writeFileAtomic, writeFilesAtomic } from '../../src/cli/fs-atomic.js';
import { memoryOutput } from '../../src/cli/output.js';
import { emitReports, renderReports, writeReports } from '../../src/cli/report-options.js';
import { InputError } from '../../src/model/diagnostics.js';
import { sampleContext, sampleEvaluation } from '../report/helpers.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'envgate-atomic-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes half of the n-th file it is asked to write, then fails like a full disk. */
function failingFs(failAt: number): AtomicFs {
  let calls = 0;
  return {
    ...nodeFs,
    writeFile: (file, data) => {
      if (++calls === failAt) {
        writeFileSync(file, data.slice(0, Math.floor(data.length / 2)));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      nodeFs.writeFile(file, data);
    },
  };
}

describe('atomic report writing', () => {
  it('writes the files whole', () => {
    const dir = tmp();
    writeFileAtomic(path.join(dir, 'a.txt'), 'hello\n');
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('hello\n');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('leaves no partial or temp file when a write fails part-way', () => {
    const dir = tmp();
    const files = [
      { path: path.join(dir, 'envgate.json'), data: 'x'.repeat(1000) },
      { path: path.join(dir, 'envgate.sarif'), data: 'y'.repeat(1000) },
    ];
    for (const failAt of [1, 2]) {
      expect(() => writeFilesAtomic(files, failingFs(failAt))).toThrow(InputError);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('keeps the previous reports when the new ones cannot be written', () => {
    const dir = tmp();
    const rendered = renderReports(['json', 'sarif', 'md'], sampleEvaluation(), sampleContext());
    emitReports(rendered, dir, memoryOutput());
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const changed = renderReports(['json', 'sarif', 'md'], { ...sampleEvaluation(), results: [] }, sampleContext());
    let err: unknown;
    try {
      emitReports(changed, dir, memoryOutput(), failingFs(3));
    } catch (e) {
      err = e;
    }
    expect((err as InputError).diagnostics[0]!.code).toBe('write-failed');
    const after = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    expect(after).toEqual(before);
  });

  it('creates the output directory', () => {
    const dir = path.join(tmp(), 'nested', 'out');
    writeFileAtomic(path.join(dir, 'r.md'), 'x');
    expect(existsSync(path.join(dir, 'r.md'))).toBe(true);
  });
});

describe('streamed report writing', () => {
  it('streams every format into its file and leaves nothing when one writer fails', () => {
    const dir = tmp();
    const written = writeReports(['json', 'sarif', 'md'], sampleEvaluation(), sampleContext(), dir, memoryOutput());
    expect(written.paths.map((p) => path.basename(p))).toEqual(['envgate.json', 'envgate.sarif', 'envgate.md']);
    expect(readFileSync(path.join(dir, 'envgate.json'), 'utf8')).toBe(renderReports(['json'], sampleEvaluation(), sampleContext()).get('json'));
    const before = readdirSync(dir).sort();
    // A rule past GitHub's tag limit makes the SARIF writer throw after JSON was streamed.
    const tags = Array.from({ length: 20 }, (_, i) => `AWS::Svc${i}::Thing`);
    const ev = sampleEvaluation();
    const bad = { ...ev, results: [], rules: [...ev.rules, { ...ev.rules[0]!, id: 'zz-many', resourceTypes: tags }] };
    expect(() => writeReports(['json', 'sarif', 'md'], bad, sampleContext(), dir, memoryOutput())).toThrow(/tags/);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readFileSync(path.join(dir, 'envgate.json'), 'utf8')).toBe(renderReports(['json'], sampleEvaluation(), sampleContext()).get('json'));
  });
});
