// HCL blocks, parsed by HashiCorp's own parser (hcl2json, WebAssembly, offline). Documents
// often put two environments' values in one block ("# Staging Network" then
// "# Production Network"), which HCL rejects as redefined attributes, so a block is split
// at comment lines that follow a blank line and each segment is parsed on its own.
import { parse } from '@cdktf/hcl2json';
import { envOfComment } from './envs.js';
import type { HclAttr, Source } from './types.js';

interface Segment {
  first: number;
  lines: string[];
  title: string;
}

function segments(value: string, first: number): Segment[] {
  const out: Segment[] = [];
  const lines = value.split('\n');
  let cur: Segment = { first, lines: [], title: '' };
  lines.forEach((line, i) => {
    const comment = /^(?:#|\/\/)\s*(.*)$/.exec(line.trim());
    const startsSegment = comment && (i === 0 || lines[i - 1]!.trim() === '') && /^\S/.test(line);
    if (startsSegment) {
      if (cur.lines.some((l) => l.trim() !== '')) out.push(cur);
      cur = { first: first + i, lines: [], title: comment[1]!.trim() };
    }
    cur.lines.push(line);
  });
  if (cur.lines.some((l) => l.trim() !== '' && !/^\s*(#|\/\/)/.test(l))) out.push(cur);
  return out;
}

function escape(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Trailing `# comment` of a source line (outside a string, roughly: the last " #"). */
function trailingComment(line: string): string {
  const m = /\s(?:#|\/\/)\s*([^"]*)$/.exec(line);
  return m ? m[1]!.trim() : '';
}

export async function parseHcl(
  doc: string,
  value: string,
  first: number,
  docLines: readonly string[],
  headingEnv: string | undefined,
): Promise<{ attrs: HclAttr[]; unparsed: (Source & { reason: string })[] }> {
  const attrs: HclAttr[] = [];
  const unparsed: (Source & { reason: string })[] = [];
  for (const seg of segments(value, first)) {
    let parsed: Record<string, unknown>;
    try {
      parsed = (await parse(`${doc}:${seg.first}`, seg.lines.join('\n'))) as Record<string, unknown>;
    } catch (err) {
      const reason = String((err as Error).message ?? err).replace(/^.*?\[/, '').split(';')[0]!;
      const line = seg.first + Math.max(0, seg.lines.findIndex((l) => l.trim() !== '' && !/^\s*#/.test(l)));
      unparsed.push({ doc, line, text: (docLines[line - 1] ?? '').trim(), reason: `not valid HCL: ${reason}` });
      continue;
    }
    const env = envOfComment(seg.title) ?? headingEnv;
    let cursor = 0;
    const walk = (obj: Record<string, unknown>) => {
      for (const key of Object.keys(obj).sort((a, b) => lineOf(a) - lineOf(b))) {
        const v = obj[key];
        const idx = lineOf(key);
        if (idx < 0) {
          // A block label (backend "s3"): its body follows on the block's own line.
          const items = Array.isArray(v) ? v : [v];
          for (const item of items) if (item && typeof item === 'object') walk(item as Record<string, unknown>);
          continue;
        }
        const isAttr = new RegExp(`^\\s*"?${escape(key)}"?\\s*=`).test(seg.lines[idx]!);
        if (!isAttr && v !== null && typeof v === 'object') {
          cursor = idx + 1;
          const items = Array.isArray(v) ? v : [v];
          for (const item of items) if (item && typeof item === 'object') walk(item as Record<string, unknown>);
          continue;
        }
        const line = seg.first + idx;
        const text = (docLines[line - 1] ?? '').trim();
        attrs.push({ doc, line, text, key, value: v, segment: seg.title, comment: trailingComment(docLines[line - 1] ?? ''), ...(env ? { env } : {}) });
      }
    };
    const lineOf = (key: string): number => {
      const re = new RegExp(`^\\s*"?${escape(key)}"?\\s*(=|\\{|")`);
      for (let i = cursor; i < seg.lines.length; i++) if (re.test(seg.lines[i]!)) return i;
      return -1;
    };
    walk(parsed);
  }
  return { attrs, unparsed };
}
