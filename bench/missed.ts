// fixtures/<name>/missed.yaml: every fixture spec value the golden draft does not
// reproduce, each with a reason, grouped as fixtures/README.md sorts them. Those not in
// the document at all leave the denominator of the stated-value share;
// test/draft/missed.test.ts keeps each list equal to what the draft misses.
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export const MISSED_GROUPS = ['notInDocument', 'proseNoValue', 'otherShape', 'ambiguous', 'notReadYet'] as const;
export type MissedGroup = (typeof MISSED_GROUPS)[number];

/** The column heads of fixtures/README.md's table. */
export const MISSED_LABELS: Record<MissedGroup, string> = {
  notInDocument: 'not in the document',
  proseNoValue: 'prose, no value',
  otherShape: 'other shape',
  ambiguous: 'ambiguous',
  notReadYet: 'stated, no reading yet',
};

export interface Missed {
  /** The spec value as src/draft/compare.ts keys it. */
  key: string;
  group: MissedGroup;
  reason: string;
}

/** Reads one list; a malformed one is an error naming the file, line and field. */
export function loadMissed(file: string): Missed[] {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const fail = (node: Node | null | undefined, field: string, msg: string): never => {
    const line = node?.range ? lines.linePos(node.range[0]).line : 1;
    throw new Error(`${file}:${line}: ${field}: ${msg}`);
  };
  if (doc.errors.length > 0) fail(null, '(document)', doc.errors[0]!.message);
  if (!isMap(doc.contents)) fail(doc.contents, '(document)', `a map of ${MISSED_GROUPS.join(', ')}`);
  const root = doc.contents as { items: { key: unknown; value: unknown }[] };
  const out: Missed[] = [];
  const seen = new Set<string>();
  for (const pair of root.items) {
    const group = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (!(MISSED_GROUPS as readonly string[]).includes(group)) fail(pair.key as Node, group, `not a group (${MISSED_GROUPS.join(', ')})`);
    if (!isSeq(pair.value)) fail(pair.value as Node, group, 'a list of { key, reason }');
    (pair.value as { items: unknown[] }).items.forEach((item, i) => {
      const field = `${group}[${i}]`;
      if (!isMap(item)) return fail(item as Node, field, 'a map { key, reason }');
      const key: unknown = item.get('key');
      const reason: unknown = item.get('reason');
      const extra = item.items.map((p) => String((p.key as { value?: unknown })?.value)).filter((k) => k !== 'key' && k !== 'reason');
      if (extra.length > 0) fail(item, `${field}.${extra[0]}`, 'unknown field (key, reason)');
      if (typeof key !== 'string' || !key.startsWith('/')) fail(item, `${field}.key`, 'a spec path starting with /');
      if (typeof reason !== 'string' || reason.trim() === '') fail(item, `${field}.reason`, 'a non-empty reason');
      if (seen.has(key as string)) fail(item, `${field}.key`, `${key as string} is listed twice`);
      seen.add(key as string);
      out.push({ key: key as string, group: group as MissedGroup, reason: reason as string });
    });
  }
  return out;
}
