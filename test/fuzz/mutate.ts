// Seeded mutations of parsed inputs (type swaps, deletions, huge values, unicode, deep
// nesting, values moved between places) and of YAML text (aliases, alias bombs, tags,
// truncation). Each mutation is named, so a failing case says what was done to it.
import { stringify } from 'yaml';
import type { Random } from './random.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Slot = { parent: Json[] | { [k: string]: Json }; key: string | number; value: Json };

/** Marker a tree mutation leaves for the YAML text pass to turn into an alias or tag. */
const YAML_MARK = '\u0000fuzz-yaml\u0000';

const NASTY_STRINGS = [
  '',
  ' ',
  '*',
  '**',
  're:(',
  're:(a+)+$',
  '[x](javascript:alert(1))',
  '<script>alert(1)</script>',
  '](https://evil.example)',
  '@everyone',
  '\u202egnp.exe',
  '\u200b\u200d\ufeff',
  'e\u0301\u0301\u0301',
  '\ud83d\ude00\ud83c\udff3\ufe0f\u200d\ud83c\udf08',
  '\ud800',
  'line\nbreak\r\n\u2028',
  'nul\u0000byte',
  '%s%n${x}{{x}}',
  '../../etc/passwd',
  '0',
  '-1',
  'true',
  'null',
  'NaN',
  '1e309',
  'arn:',
  'arn:aws:s3:::',
  '123456789012',
  '2025-02-30',
  '9999-99-99T99:99:99Z',
  '0.0.0.0/0',
  '10.0.0.0/33',
  '::/0',
];

const SWAP_VALUES: Json[] = [0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', 'x', null, true, false, [], {}, [0], [null], ['x'], { '0': 0 }, { x: null }];

function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const stack: Json[] = [root]; // iterative: a deep-nested value must not overflow the harness
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        out.push({ parent: v, key: i, value: item });
        stack.push(item);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k, value: v[k]! });
        stack.push(v[k]!);
      }
    }
  }
  return out;
}

function set(s: Slot, value: Json): void {
  (s.parent as Record<string | number, Json>)[s.key] = value;
}

function nest(depth: number, leaf: Json, asArray: boolean): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** One tree mutation: its name, applied in place. */
const TREE_MUTATIONS: Record<string, (s: Slot, all: Slot[], rnd: Random) => void> = {
  'type-swap': (s, _all, rnd) => set(s, structuredClone(rnd.pick(SWAP_VALUES))),
  delete: (s) => {
    if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
    else delete s.parent[s.key as string];
  },
  huge: (s, _all, rnd) => {
    const v = s.value;
    if (typeof v === 'string') set(s, v + 'A'.repeat(200_000));
    else if (Array.isArray(v) && v.length > 0) set(s, Array.from({ length: 3_000 }, () => structuredClone(v[rnd.int(v.length)]!)));
    else if (typeof v === 'number') set(s, rnd.pick([1e308, -1e308, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, 5e-324]));
    else if (v !== null && typeof v === 'object') set(s, { ...v, ...Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])) });
    else set(s, 'A'.repeat(200_000));
  },
  unicode: (s, _all, rnd) => {
    const nasty = rnd.pick(NASTY_STRINGS);
    set(s, typeof s.value === 'string' && rnd.chance(0.5) ? `${s.value}${nasty}` : nasty);
  },
  deep: (s, _all, rnd) => set(s, nest(rnd.pick([50, 400, 1_200]), s.value, rnd.chance(0.5))),
  'moved-value': (s, all, rnd) => set(s, structuredClone(rnd.pick(all).value)),
  'extra-key': (s, _all, rnd) => {
    const v = s.value;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      Object.defineProperty(v, rnd.pick(['__proto__', 'constructor', 'toString', 'fuzz', '']), { value: rnd.pick(SWAP_VALUES), enumerable: true, writable: true, configurable: true });
    } else if (Array.isArray(v)) v.push(v.length > 0 ? structuredClone(v[0]!) : null);
  },
};

const YAML_ONLY = 'yaml-mark';

export interface Mutated {
  text: string | Buffer;
  mutations: string[];
}

/**
 * Applies 1-3 seeded mutations to a copy of `value` and renders it as YAML or JSON. YAML
 * renderings may also get aliases, alias bombs, tags or truncation.
 */
export function mutate(value: unknown, as: 'yaml' | 'json', rnd: Random): Mutated {
  try {
    return mutateOnce(value, as, rnd);
  } catch (err) {
    // A deep nest copied into another can outgrow the JSON writer's stack: run the base as is.
    if (!(err instanceof RangeError)) throw err;
    return { text: as === 'json' ? JSON.stringify(value) : stringify(value), mutations: ['unrenderable'] };
  }
}

function mutateOnce(value: unknown, as: 'yaml' | 'json', rnd: Random): Mutated {
  const root = structuredClone(value) as Json;
  const names: string[] = [];
  const count = 1 + rnd.int(3);
  const treeNames = Object.keys(TREE_MUTATIONS);
  for (let i = 0; i < count; i++) {
    const all = slots(root);
    if (all.length === 0) break;
    const s = rnd.pick(all);
    let name = as === 'yaml' && rnd.chance(0.2) ? YAML_ONLY : rnd.pick(treeNames);
    // One deep nest or huge value per case: the text writers recurse, and a huge copy of a huge value outgrows a string.
    if ((name === 'deep' || name === 'huge') && names.some((n) => n.startsWith('deep@') || n.startsWith('huge@'))) name = 'type-swap';
    if (name === YAML_ONLY) set(s, YAML_MARK);
    else TREE_MUTATIONS[name]!(s, all, rnd);
    names.push(`${name}@${pathOf(s)}`);
  }
  if (as === 'json') {
    let text = JSON.stringify(root, null, rnd.chance(0.5) ? 2 : undefined);
    if (rnd.chance(0.05)) {
      names.push('truncate');
      text = text.slice(0, rnd.int(text.length));
    }
    return { text, mutations: names };
  }
  let text = yamlText(root);
  if (text.match(MARK_TEXT) !== null || rnd.chance(0.1)) {
    const yamlPart = rnd.pick(Object.keys(YAML_TEXT));
    names.push(yamlPart);
    text = YAML_TEXT[yamlPart]!(text, rnd);
  }
  if (rnd.chance(0.03)) {
    names.push('truncate');
    text = text.slice(0, rnd.int(text.length));
  }
  if (rnd.chance(0.02)) {
    names.push('invalid-utf8');
    const buf = Buffer.from(text, 'utf8');
    return { text: Buffer.concat([buf.subarray(0, rnd.int(buf.length)), Buffer.from([0xc3, 0x28, 0xff]), buf.subarray(rnd.int(buf.length))]), mutations: names };
  }
  return { text, mutations: names };
}

function pathOf(s: Slot): string {
  return String(s.key);
}

// The marker as yaml writes it (a double-quoted scalar with \0 escapes).
const MARK_TEXT = /"(?:\\0|\\u0000)fuzz-yaml(?:\\0|\\u0000)"/g;

/** Block YAML; JSON (also YAML) for values nested deeper than the yaml writer recurses. */
function yamlText(root: Json): string {
  try {
    return stringify(root, { lineWidth: 0, aliasDuplicateObjects: false });
  } catch {
    return `${JSON.stringify(root)}\n`;
  }
}

/** Billion laughs: each level is ten aliases of the one before. */
function bomb(levels: number): string {
  const lines = ['fuzz0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`fuzz${i}: &b${i} [${Array.from({ length: 10 }, () => `*b${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

const YAML_TEXT: Record<string, (text: string, rnd: Random) => string> = {
  'alias-bomb': (text, rnd) => {
    const levels = rnd.pick([4, 9, 12]);
    return `${bomb(levels)}\n${text.replace(MARK_TEXT, `*b${levels - 1}`)}`;
  },
  'unresolved-alias': (text) => (text.match(MARK_TEXT) !== null ? text.replace(MARK_TEXT, '*nowhere') : `${text}fuzz: *nowhere\n`),
  'alias-key': (text) => `fuzz0: &k {a: 1}\n${text.replace(MARK_TEXT, '{ ? *k : x }')}`,
  'merge-key': (text) => `fuzz0: &m {a: 1, version: 7}\n${text.replace(MARK_TEXT, '{ <<: *m }')}`,
  'self-alias': (text) => text.replace(MARK_TEXT, '&r [ *r ]'),
  'anchor-reuse': (text) => `fuzz0: &a x\nfuzz1: &a [1]\n${text.replace(MARK_TEXT, '*a')}`,
  tag: (text, rnd) => text.replace(MARK_TEXT, rnd.pick(['!!binary aGVsbG8=', '!!timestamp 2025-01-01', '!!set {a, b}', '!!omap [a: 1]', '!custom x', '!!int 0x7fffffffffffffffff', '!!float .nan', '!!map {}', '!!str'])),
};
