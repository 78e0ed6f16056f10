// A small YAML tree whose entries carry comment lines, and its writer. The spec's shape
// is plain (maps, lists, scalars), so writing it directly keeps every comment exactly
// where the value is and the output byte-stable.
import { stringify } from 'yaml';
import type { Scalar } from './types.js';

export type TreeNode = MapNode | SeqNode | { t: 'scalar'; v: Scalar };
export interface MapNode {
  t: 'map';
  entries: { key: string; node: TreeNode; notes: string[] }[];
}
export interface SeqNode {
  t: 'seq';
  items: { node: TreeNode; notes: string[] }[];
}

export const newMap = (): MapNode => ({ t: 'map', entries: [] });
export const newSeq = (): SeqNode => ({ t: 'seq', items: [] });

/** The map or list at a path below a map, created on the way. */
export function at(root: MapNode, path: readonly string[], leaf: 'map' | 'seq'): MapNode | SeqNode {
  let cur: MapNode = root;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    let e = cur.entries.find((x) => x.key === path[i]);
    if (!e) {
      e = { key: path[i]!, node: last && leaf === 'seq' ? newSeq() : newMap(), notes: [] };
      cur.entries.push(e);
    }
    if (last) return e.node as MapNode | SeqNode;
    cur = e.node as MapNode;
  }
  return cur;
}

export function toTree(value: unknown): TreeNode {
  if (Array.isArray(value)) return { t: 'seq', items: value.map((v) => ({ node: toTree(v), notes: [] })) };
  if (value !== null && typeof value === 'object') {
    return { t: 'map', entries: Object.entries(value).map(([key, v]) => ({ key, node: toTree(v), notes: [] })) };
  }
  return { t: 'scalar', v: value as Scalar };
}

function scalar(v: Scalar): string {
  return stringify(v, { lineWidth: 0 }).trimEnd();
}

function key(k: string): string {
  return scalar(k);
}

/** A value small enough for one line: a scalar, or a flow list/map of scalars. */
function inline(n: TreeNode): string | undefined {
  if (n.t === 'scalar') return scalar(n.v);
  const parts = n.t === 'seq' ? n.items : n.entries;
  if (parts.some((p) => p.notes.length > 0 || p.node.t !== 'scalar')) return undefined;
  if (n.t === 'seq') return `[${n.items.map((i) => inline(i.node)).join(', ')}]`;
  return `{ ${n.entries.map((e) => `${key(e.key)}: ${inline(e.node)}`).join(', ')} }`;
}

function comments(notes: readonly string[], pad: string, out: string[]) {
  for (const n of notes) out.push(`${pad}# ${n}`);
}

export function writeTree(n: MapNode, indent = 0, out: string[] = []): string[] {
  const pad = ' '.repeat(indent);
  for (const e of n.entries) {
    comments(e.notes, pad, out);
    const flat = inline(e.node);
    if (flat !== undefined && (e.node.t === 'scalar' || flat.length + indent < 100)) {
      out.push(`${pad}${key(e.key)}: ${flat}`);
    } else if (e.node.t === 'map') {
      out.push(`${pad}${key(e.key)}:`);
      writeTree(e.node, indent + 2, out);
    } else if (e.node.t === 'seq') {
      out.push(`${pad}${key(e.key)}:`);
      writeSeq(e.node, indent + 2, out);
    }
  }
  return out;
}

function writeSeq(s: SeqNode, indent: number, out: string[]) {
  const pad = ' '.repeat(indent);
  for (const item of s.items) {
    comments(item.notes, pad, out);
    const flat = inline(item.node);
    if (flat !== undefined && flat.length + indent < 100) {
      out.push(`${pad}- ${flat}`);
    } else if (item.node.t === 'map') {
      const lines = writeTree(item.node, indent + 2, []);
      const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
      lines[first] = `${pad}- ${lines[first]!.slice(indent + 2)}`;
      // Comments before the first key would sit above the dash; keep them there.
      out.push(...lines);
    } else if (item.node.t === 'seq') {
      out.push(`${pad}-`);
      writeSeq(item.node, indent + 2, out);
    }
  }
}
