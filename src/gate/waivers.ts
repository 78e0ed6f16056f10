// Waivers: findings a team accepted, each with a reason, an owner and an expiry date.
// Parsing is pure (text in, waivers or located errors out); the CLI reads the file.
import { Ajv } from 'ajv';
import { type Document, isScalar, visit } from 'yaml';
import { matchesPattern, patternProblem } from '../util/patterns.js';
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import type { Result, ResultWaiver } from '../model/result.js';
import { type Located, locatedYaml, pointerOf } from './locate.js';
import { schemaDiagnostics, sortDiagnostics } from './schema-errors.js';
import { waiversSchema } from './waiver-schema.js';

/** Days before expiry from which a waiver is warned about. */
export const EXPIRY_WARNING_DAYS = 14;

export interface Waiver {
  /** 0-based position in the file. */
  index: number;
  id?: string;
  fingerprint?: string;
  rule?: string;
  resource?: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD: from this UTC day on, the waiver no longer applies. */
  expires: string;
  /** `file:line` of the entry. */
  source: string;
}

export interface WaiverSet {
  file: string;
  waivers: Waiver[];
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(waiversSchema);
  return { ok: validator(data) as boolean, errors: validator.errors ?? [] };
}

/** Parses and checks a waivers file; throws InputError listing every problem with its position. */
export function parseWaivers(text: string, file: string): WaiverSet {
  const located = locatedYaml(text);
  const syntax = located.syntaxErrors(file);
  if (syntax.length > 0) throw new InputError(`${file}: not valid YAML`, syntax);
  const aliases = located.aliasErrors(file);
  if (aliases.length > 0) throw new InputError(`${file}: aliases that cannot be expanded`, aliases);
  const keys = complexKeys(located);
  if (keys.length > 0) throw new InputError(`${file}: keys that are not plain text`, keys.map((k) => ({ ...k, file })));
  keepPlainScalarsAsText(located.doc);
  // Aliases were bounded just above; yaml's own count would refuse some ordinary reuse.
  const data: unknown = located.doc.toJS({ maxAliasCount: -1 });
  if (data === null || data === undefined) {
    throw new InputError(`${file}: empty waivers file`, [
      { file, line: 1, column: 1, path: '', code: 'empty', message: 'the file is empty', expected: 'version: 1 and a waivers list' },
    ]);
  }
  const { ok, errors } = validate(data);
  const diags: Diagnostic[] = ok ? [] : schemaDiagnostics(errors, file, located);
  const waivers: Waiver[] = [];
  const raw = (data as { waivers?: unknown }).waivers;
  const entries = Array.isArray(raw) ? raw : [];
  const ids = new Map<string, number>();
  entries.forEach((e: unknown, index) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return; // the schema said so
    const w = e as Record<string, unknown>;
    const base = pointerOf(['waivers', index]);
    const at = (key?: string) => {
      const p = key === undefined ? base : `${base}/${key}`;
      const pos = located.locate(p);
      return { file, line: pos.line, column: pos.column, path: p };
    };
    const hasFp = w.fingerprint !== undefined;
    const hasRule = w.rule !== undefined;
    const hasRes = w.resource !== undefined;
    if (hasFp && (hasRule || hasRes)) {
      diags.push({ ...at(), code: 'waiver-target', message: 'name the finding by fingerprint, or by rule and resource, not both', expected: 'fingerprint | rule + resource' });
    } else if (!hasFp && !(hasRule && hasRes)) {
      diags.push({ ...at(), code: 'waiver-target', message: hasRule || hasRes ? 'rule and resource go together' : 'name the finding by fingerprint or by rule and resource', expected: 'fingerprint | rule + resource' });
    }
    const problem = typeof w.resource === 'string' && w.resource !== '' ? patternProblem(w.resource) : undefined;
    if (problem !== undefined) diags.push({ ...at('resource'), code: 'bad-pattern', message: `the pattern ${problem}`, expected: 'glob or re:<regex>' });
    if (typeof w.expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(w.expires) && !isRealDate(w.expires)) {
      diags.push({ ...at('expires'), code: 'bad-date', message: `'${w.expires}' is not a calendar date`, expected: 'YYYY-MM-DD' });
    }
    if (typeof w.id === 'string') {
      const first = ids.get(w.id);
      if (first !== undefined) diags.push({ ...at('id'), code: 'duplicate-id', message: `waiver id '${w.id}' is already used by entry ${first + 1}` });
      else ids.set(w.id, index);
    }
    const line = located.locate(base).line;
    waivers.push({
      index,
      ...(typeof w.id === 'string' ? { id: w.id } : {}),
      ...(typeof w.fingerprint === 'string' ? { fingerprint: w.fingerprint } : {}),
      ...(typeof w.rule === 'string' ? { rule: w.rule } : {}),
      ...(typeof w.resource === 'string' ? { resource: w.resource } : {}),
      reason: String(w.reason ?? ''),
      owner: String(w.owner ?? ''),
      expires: String(w.expires ?? ''),
      source: `${file}:${line}`,
    });
  });
  if (diags.length > 0) {
    const n = diags.length;
    throw new InputError(`${file}: ${n} problem${n === 1 ? '' : 's'} in the waivers file`, sortDiagnostics(diags));
  }
  return { file, waivers };
}

// Every waiver field is text: a fingerprint of digits only or an id like `2025` must not
// turn into a number (and lose digits), so plain scalars under those keys keep their source.
const TEXT_KEYS = new Set(['id', 'fingerprint', 'rule', 'resource', 'reason', 'owner', 'expires']);
function keepPlainScalarsAsText(doc: Document): void {
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && TEXT_KEYS.has(String(pair.key.value)) && isScalar(pair.value)) {
        const v = pair.value;
        if (v.type === 'PLAIN' && typeof v.value !== 'string' && v.value !== null && typeof v.source === 'string') v.value = v.source;
      }
    },
  });
}

/** Mapping keys that are collections or aliases (a plain object would turn them into "[object Object]"). */
function complexKeys(located: Located): Omit<Diagnostic, 'file'>[] {
  const out: Omit<Diagnostic, 'file'>[] = [];
  visit(located.doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        const range = (pair.key as { range?: number[] }).range;
        out.push({ ...located.offset(range?.[0]), path: '', code: 'key-type', message: 'keys must be plain text', expected: 'a text key' });
      }
    },
  });
  return out;
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The UTC calendar day of an instant, YYYY-MM-DD. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Expired from 00:00 UTC on its `expires` day. */
export function isExpired(w: Waiver, now: Date): boolean {
  return utcDay(now) >= w.expires;
}

/** Whole days from today (UTC) to the expiry day; 0 or less = expired. */
export function daysLeft(w: Waiver, now: Date): number {
  const today = Date.parse(`${utcDay(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${w.expires}T00:00:00Z`) - today) / 86_400_000);
}

export function waiverMatches(w: Waiver, r: Result): boolean {
  if (w.fingerprint !== undefined) return r.fingerprint === w.fingerprint;
  return w.rule === r.ruleId && w.resource !== undefined && matchesPattern(w.resource, r.resource.arn);
}

/** How a waiver is named in verdicts: its id, else what it matches by. */
export function waiverLabel(w: Waiver): string {
  if (w.id !== undefined) return w.id;
  if (w.fingerprint !== undefined) return `fingerprint ${w.fingerprint}`;
  return `${w.rule} ${w.resource}`;
}

/** The annotation a waived Result carries in reports. */
export function resultWaiver(w: Waiver): ResultWaiver {
  return {
    id: w.id ?? w.fingerprint ?? `${w.rule} ${w.resource}`,
    owner: w.owner,
    reason: w.reason,
    expires: w.expires,
    source: w.source,
  };
}
