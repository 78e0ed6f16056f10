// Draft vs spec, leaf by leaf: what the document says that the spec lacks or contradicts,
// and what the spec says that the document does not. Shared by --check and the
// measurement of the golden drafts.
import { byTeamTitle, checkable, field, flatten, type Leaf } from './flatten.js';
import type { MapNode, TreeNode } from './tree.js';

export interface DraftLeaf extends Leaf {
  /** The citation comment of the value, or of the nearest entry above it that has one. */
  cite?: string;
  placeholder: boolean;
}

/** The draft tree as a plain value, and each pointer's citation. */
export function draftLeaves(tree: MapNode): DraftLeaf[] {
  const notes = new Map<string, string[]>();
  const plain = (n: TreeNode, pointer: string): unknown => {
    if (n.t === 'scalar') return n.v;
    if (n.t === 'seq') {
      return n.items.map((i, idx) => {
        notes.set(`${pointer}/${idx}`, i.notes);
        return plain(i.node, `${pointer}/${idx}`);
      });
    }
    return Object.fromEntries(
      n.entries.map((e) => {
        const p = `${pointer}/${e.key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        notes.set(p, e.notes);
        return [e.key, plain(e.node, p)];
      }),
    );
  };
  const value = plain(tree, '');
  return byTeamTitle(checkable(flatten(value)), value).map((l) => {
    const own: string[] = [];
    for (let p = l.pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
      const n = notes.get(p) ?? [];
      if (n.length > 0) {
        own.push(...n);
        break;
      }
    }
    const cite = own.find((n) => /^\S+:\d+ "/.test(n));
    return { ...l, ...(cite ? { cite } : {}), placeholder: own.some((n) => n.startsWith('PLACEHOLDER')) };
  });
}

export interface Comparison {
  /** Spec values the draft reproduces. */
  matched: Leaf[];
  /** Document values the spec does not have (with a contradicting spec value, if any). */
  missing: { draft: DraftLeaf; spec?: Leaf }[];
  /** Spec values no document line gives. */
  unsourced: Leaf[];
  /** Draft values without a citation (a bug: every value must cite its line). */
  uncited: DraftLeaf[];
}

export function compare(draft: readonly DraftLeaf[], specValue: unknown): Comparison {
  const spec = byTeamTitle(checkable(flatten(specValue)), specValue);
  const real = draft.filter((d) => !d.placeholder);
  const draftKeys = new Set(real.map((d) => d.key));
  const specKeys = new Map(spec.map((s) => [s.key, s]));
  const specFields = new Map(spec.flatMap((s) => (field(s.key) ? [[field(s.key)!, s] as const] : [])));
  return {
    matched: spec.filter((s) => draftKeys.has(s.key)),
    missing: real.filter((d) => !specKeys.has(d.key)).map((d) => {
      const other = field(d.key) ? specFields.get(field(d.key)!) : undefined;
      return other ? { draft: d, spec: other } : { draft: d };
    }),
    unsourced: spec.filter((s) => !draftKeys.has(s.key)),
    uncited: real.filter((d) => d.cite === undefined),
  };
}
