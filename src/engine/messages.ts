// Finding messages in words: a rule's `message` templates (validated when rules load,
// compiled once) and the English fallback made from a failing comparison. Only results
// that are kept reach this module; the check itself never builds text.
import type { Leaf } from './conditions.js';
import { walk } from './refs.js';

/**
 * Fields a template may name; `item.<field>` reads the current `each` item and
 * `offending.<field>` a field of each offending element (`{offending.port}`).
 */
export const TEMPLATE_FIELDS = ['observed', 'required', 'expected', 'offending', 'environment', 'name', 'type', 'subject'] as const;
type Field = (typeof TEMPLATE_FIELDS)[number];

type Part = string | { field: Field } | { item: string[] } | { offending: string[] };
/** A compiled template: literal text and fields, in order. */
export interface Template {
  readonly source: string;
  readonly parts: readonly Part[];
}

/** What a template is filled from: the failing comparison, the resource and its environment. */
export interface MessageScope {
  leaf: Leaf;
  environment: string | null;
  name: string;
  type: string;
  item: unknown;
}

/** Problems with a template's text, each a sentence (empty when it is fine). */
export function templateProblems(text: string, hasEach: boolean): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const f = m[1]!;
    if (f.startsWith('item.') || f.startsWith('offending.')) {
      if (!/^(item|offending)(\.[A-Za-z0-9_]+)+$/.test(f)) out.push(`{${f}} is not a field path`);
      else if (f.startsWith('item.') && !hasEach) out.push(`{${f}} needs "each": the rule has no item`);
    } else if (!(TEMPLATE_FIELDS as readonly string[]).includes(f)) out.push(`unknown field {${f}}`);
  }
  if (/[{}]/.test(text.replace(/\{[^{}]*\}/g, ''))) out.push('unbalanced { or }');
  return out;
}

/** Compiles a template that `templateProblems` accepted. */
export function compileTemplate(source: string): Template {
  const parts: Part[] = [];
  let last = 0;
  for (const m of source.matchAll(/\{([^{}]*)\}/g)) {
    if (m.index > last) parts.push(source.slice(last, m.index));
    const f = m[1]!;
    parts.push(f.startsWith('item.') ? { item: f.slice(5).split('.') } : f.startsWith('offending.') ? { offending: f.slice(10).split('.') } : { field: f as Field });
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  return { source, parts };
}

export function renderTemplate(t: Template, s: MessageScope): string {
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') out += p;
    else if ('item' in p) out += words(walk(s.item, p.item));
    else if ('offending' in p) {
      const off = offending(s.leaf);
      out += words(Array.isArray(off) ? off.map((x) => walk(x, p.offending)) : walk(off, p.offending));
    }
    else out += field(p.field, s);
  }
  return out;
}

function field(f: Field, s: MessageScope): string {
  const l = s.leaf;
  switch (f) {
    case 'observed':
      return l.op === 'count' ? String(sizeOf(l.observed)) : words(l.observed);
    case 'required':
      return required(l);
    case 'expected':
      return words(l.op === 'every' || l.op === 'some' || l.op === 'none' ? l.inner?.expected : l.expected);
    case 'offending':
      return words(offending(l));
    case 'environment':
      return s.environment ?? 'the spec';
    case 'name':
      return s.name;
    case 'type':
      return s.type;
    case 'subject':
      return subjectWords(l.subject);
  }
}

/** The English fallback: what was observed and what is required, from the failing comparison. */
export function fallbackMessage(s: MessageScope): string {
  const l = s.leaf;
  const subject = subjectWords(l.subject);
  const observed = l.op === 'count' ? `number of ${subject} is ${sizeOf(l.observed)}` : `${subject} is ${words(l.observed)}`;
  const off = offending(l);
  const extra = Array.isArray(off) && off.length > 0 && l.op !== 'count' ? ` (${l.op === 'hasKeys' ? 'missing' : 'offending'}: ${words(off)})` : '';
  return `${observed}${extra}; ${s.environment ?? 'the spec'} requires ${required(l)}`;
}

/** The words for what a comparison requires: `at least 30`, `one of t3.small, t3.medium`. */
export function required(l: Leaf): string {
  const base = requiredOf(l);
  return l.negated ? `not ${base}` : base;
}

function requiredOf(l: Leaf): string {
  const e = l.expected;
  const list = (sep: string) => (Array.isArray(e) ? joinWords(e, sep) : words(e));
  switch (l.op) {
    case 'equals':
      return words(e);
    case 'notEquals':
      return `not ${words(e)}`;
    case 'in':
      return Array.isArray(e) && e.length !== 1 ? `one of ${list(', ')}` : list(', ');
    case 'notIn':
      return `none of ${list(', ')}`;
    case 'gt':
      return `more than ${words(e)}`;
    case 'gte':
      return `at least ${words(e)}`;
    case 'lt':
      return `less than ${words(e)}`;
    case 'lte':
      return `at most ${words(e)}`;
    case 'exists':
      return e === true ? 'a value' : 'no value';
    case 'matches':
      return `matching ${words(e)}`;
    case 'matchesAny':
      return `matching ${list(' or ')}`;
    case 'contains':
      return `including ${words(e)}`;
    case 'hasKeys':
      return `the keys ${list(', ')}`;
    case 'cidrWithin':
      return `within ${list(' or ')}`;
    case 'count': {
      const ops = e !== null && typeof e === 'object' ? Object.entries(e as Record<string, unknown>) : [];
      return ops.map(([op, v]) => requiredOf({ ...l, op, expected: v })).join(' and ') || 'a count';
    }
    case 'every':
      return l.inner ? `each ${required(l.inner)}` : 'each element to hold';
    case 'some':
      return l.inner ? `at least one ${required(l.inner)}` : 'at least one element to hold';
    case 'none':
      return l.inner ? `none ${required(l.inner)}` : 'no element to hold';
    default:
      return `${l.op} ${words(e)}`;
  }
}

/** What makes a comparison fail, when it is a part of a list: missing keys, offending elements. */
function offending(l: Leaf): unknown {
  if (l.op === 'hasKeys' && Array.isArray(l.expected)) {
    const o = l.observed;
    return l.expected.filter((k) => !(o !== null && typeof o === 'object' && typeof k === 'string' && Object.hasOwn(o, k)));
  }
  return l.offending ?? l.observed;
}

/** `config.backupRetentionDays` -> `backupRetentionDays`; `inbound:monitors` -> `inbound monitors`. */
function subjectWords(subject: string): string {
  if (subject === '.') return 'the value';
  return subject.replace(/^config\./, '').replace(':', ' ');
}

function sizeOf(v: unknown): number {
  return Array.isArray(v) ? v.length : v !== null && typeof v === 'object' ? Object.keys(v).length : 0;
}

const MAX_LISTED = 10;

/** A value in words: lists joined by commas, `not set` for null, `none` for an empty list. */
export function words(v: unknown): string {
  if (v === undefined || v === null) return 'not set';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : joinWords(v, ', ');
  const keys = Object.keys(v);
  if (keys.length === 0) return 'none';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function joinWords(list: readonly unknown[], sep: string): string {
  const shown = list.slice(0, MAX_LISTED).map(words).join(sep);
  return list.length > MAX_LISTED ? `${shown} and ${list.length - MAX_LISTED} more` : shown;
}
