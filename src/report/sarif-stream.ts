// SARIF written one result at a time (a large scan's log is more than one string can
// hold), and its gzipped size measured as it goes, for GitHub's 10 MB limit.
import { gzipSync } from 'node:zlib';
import type { ReportSink } from './formatter.js';
import { nestedJson } from './json.js';
import { GITHUB_LIMITS, SarifLimitError } from './sarif-limits.js';

type Json = Record<string, unknown>;

/** Everything after `"results": ` in a pretty-printed one-run log whose results are empty. */
const RESULTS_TAIL = '      "results": []\n    }\n  ]\n}';

/**
 * Writes the log as `JSON.stringify(log, null, 2)` would, one result at a time;
 * `each` sees every result object before it is written (the GitHub self-check).
 */
export function writeSarifParts(parts: { log: Json; results: Iterable<Json> }, sink: ReportSink, each?: (result: Json, index: number) => void): void {
  const text = JSON.stringify(parts.log, null, 2);
  if (!text.endsWith(RESULTS_TAIL)) throw new Error('SARIF log must end with the run\'s results');
  sink.write(text.slice(0, text.length - RESULTS_TAIL.length));
  sink.write('      "results": [');
  let i = 0;
  for (const r of parts.results) {
    each?.(r, i);
    sink.write(`${i > 0 ? ',' : ''}\n        ${nestedJson(r, 4)}`);
    i++;
  }
  sink.write(i > 0 ? '\n      ]\n    }\n  ]\n}\n' : ']\n    }\n  ]\n}\n');
}

/** Chunks gzipped one by one: their sum is at least the whole file's gzip size, in bounded memory. */
const GZIP_CHUNK_CHARS = 4 << 20;

/**
 * Counts the gzipped size of a stream of text and throws SarifLimitError at end() when it
 * exceeds GitHub's limit. Text under the limit uncompressed is never measured.
 */
export function gzipMeter(): { write(chunk: string): void; end(): void } {
  let pending: string[] = [];
  let size = 0;
  let raw = 0;
  let gzipped = 0;
  const flush = () => {
    if (size === 0) return;
    gzipped += gzipSync(Buffer.from(pending.join(''), 'utf8'), { level: 1 }).length;
    pending = [];
    size = 0;
  };
  return {
    write(chunk) {
      raw += Buffer.byteLength(chunk, 'utf8');
      pending.push(chunk);
      size += chunk.length;
      if (raw > GITHUB_LIMITS.gzippedBytes && size >= GZIP_CHUNK_CHARS) flush();
    },
    end() {
      if (raw <= GITHUB_LIMITS.gzippedBytes) return;
      flush();
      if (gzipped > GITHUB_LIMITS.gzippedBytes) {
        throw new SarifLimitError(
          'sarif-too-large',
          `SARIF: ${gzipped} bytes gzipped exceed GitHub's limit of ${GITHUB_LIMITS.gzippedBytes}; scan fewer environments per upload (--environment)`,
        );
      }
    },
  };
}
