// Turns ajv's errors into one diagnostic per problem: anyOf/oneOf branches collapse
// into one, propertyNames wrappers and their inner errors merge, unknown keys point
// at the key and suggest the closest allowed one. Generic: any closed schema works.
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourcePosition } from '../model/spec.js';
import { FORMATS } from './formats.js';
import { MESSAGES, show } from './messages.js';
import { pointerSegment } from './source.js';
import { didYouMean } from './suggest.js';

export interface PositionIndex {
  positions: Record<string, SourcePosition>;
  keyPositions: Record<string, SourcePosition>;
}

/** Position of a pointer's value, falling back to its nearest ancestor; 1:1 at worst. */
export function valuePosition(index: PositionIndex, pointer: string): SourcePosition {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const hit = index.positions[p];
    if (hit) return hit;
    if (p === '') return { line: 1, column: 1 };
  }
}

/** Position of the key naming `pointer`, else of its value. */
export function keyPosition(index: PositionIndex, pointer: string): SourcePosition {
  return index.keyPositions[pointer] ?? valuePosition(index, pointer);
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Errors by instance path, to find those at or under a path without a scan of all. */
class ErrorsByPath {
  private readonly byPath = new Map<string, ErrorObject[]>();
  private sorted: string[] | undefined;

  add(e: ErrorObject): void {
    const list = this.byPath.get(e.instancePath);
    if (list) list.push(e);
    else {
      this.byPath.set(e.instancePath, [e]);
      this.sorted = undefined;
    }
  }

  /** Errors at `path` or below it: paths under it sort contiguously after `path + '/'`. */
  under(path: string): ErrorObject[] {
    this.sorted ??= [...this.byPath.keys()].sort();
    const keys = this.sorted;
    const prefix = `${path}/`;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((keys[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out = [...(this.byPath.get(path) ?? [])];
    for (let k = lo; k < keys.length && (keys[k] as string).startsWith(prefix); k++) out.push(...(this.byPath.get(keys[k] as string) ?? []));
    return out;
  }
}

/**
 * Drops anyOf/oneOf branch errors, keeping one diagnostic per alternative point. A
 * branch error belongs to an alternative when it lies under the alternative's schema
 * path and its instance path: one schema (an array's items) serves many places. Linear
 * in the errors per alternative's subtree, so a file with thousands of failing
 * alternatives stays fast.
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const rank = new Map<ErrorObject, number>(); // the errors still kept, by output order
  const index = new ErrorsByPath();
  errors.forEach((e, i) => {
    rank.set(e, i);
    index.add(e);
  });
  let next = errors.length;
  for (const alt of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const prefix = `${alt.schemaPath}/`;
    const branches = index
      .under(alt.instancePath)
      .filter((e) => rank.has(e) && e.schemaPath.startsWith(prefix))
      .sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
    for (const e of branches) rank.delete(e);
    if (alt.keyword === 'oneOf' && (alt.params as { passingSchemas?: unknown }).passingSchemas) continue; // "matches more than one": keep alt
    const onlyTypes = branches.every((e) => e.keyword === 'type' && e.instancePath === alt.instancePath);
    if (onlyTypes || branches.length === 0) {
      const at = rank.get(alt);
      if (at === undefined) continue;
      const types = [...new Set(branches.map((e) => String((e.params as { type: unknown }).type)))];
      const collapsed = { ...alt, keyword: 'type', params: { type: types.join(',') } };
      rank.delete(alt);
      rank.set(collapsed, at);
      index.add(collapsed);
      continue;
    }
    // Keep the branch that got furthest: the fewest errors among branches that passed the type check.
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of branches) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] as string;
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const candidates = [...byBranch.values()].filter((list) => !list.some((e) => e.keyword === 'type' && e.instancePath === alt.instancePath));
    const best = (candidates.length > 0 ? candidates : [...byBranch.values()]).sort((a, b) => a.length - b.length)[0] ?? [];
    rank.delete(alt);
    for (const e of best) rank.set(e, next++);
  }
  return [...rank.entries()].sort((a, b) => a[1] - b[1]).map(([e]) => e);
}

export function translateAjvErrors(errors: ErrorObject[], root: unknown, file: string, index: PositionIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic) => {
    const id = `${d.path}\u0000${d.code}\u0000${d.line}:${d.column}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  };
  for (const e of collapseAlternatives(errors)) {
    if (e.keyword === 'propertyNames' || e.keyword === 'if') continue; // the inner error says more
    const params = e.params as Record<string, unknown>;
    const named = (e as ErrorObject & { propertyName?: string }).propertyName;
    if (named !== undefined) {
      const path = `${e.instancePath}/${pointerSegment(named)}`;
      const where = keyPosition(index, path);
      if (e.keyword === 'format') {
        const def = FORMATS[String(params.format)];
        push({ file, ...where, path, code: def?.code ?? 'format', message: MESSAGES.format(named, def?.problem(named) ?? 'is not valid'), expected: def?.expected ?? String(params.format) });
      } else {
        push({ file, ...where, path, code: 'name', message: MESSAGES.environmentName(named), expected: `a name matching ${String(params.pattern ?? 'the allowed pattern')}` });
      }
      continue;
    }
    const value = valueAt(root, e.instancePath);
    const where = valuePosition(index, e.instancePath);
    const base = { file, ...where, path: e.instancePath };
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(params.additionalProperty);
        const path = `${e.instancePath}/${pointerSegment(key)}`;
        const allowed = Object.keys(((e.parentSchema ?? {}) as { properties?: object }).properties ?? {}).sort();
        push({
          file,
          ...keyPosition(index, path),
          path,
          code: 'unknown-key',
          message: MESSAGES.unknownKey(key, didYouMean(key, allowed)),
          expected: allowed.length > 0 ? `one of ${allowed.join(', ')}` : 'no keys here',
        });
        break;
      }
      case 'required': {
        const key = String(params.missingProperty);
        push({
          file,
          ...keyPosition(index, e.instancePath),
          path: `${e.instancePath}/${pointerSegment(key)}`,
          code: 'required',
          message: MESSAGES.required(key),
          expected: `key "${key}"`,
        });
        break;
      }
      case 'type':
        push({ ...base, code: 'type', message: MESSAGES.type(value, String(params.type).split(',')), expected: MESSAGES.typeExpected(String(params.type).split(',')) });
        break;
      case 'enum':
      case 'const': {
        const allowed = (e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
        push({
          ...base,
          code: 'enum',
          message: MESSAGES.enum(value, typeof value === 'string' ? didYouMean(value, allowed) : undefined),
          expected: `one of ${allowed.join(', ')}`,
        });
        break;
      }
      case 'format': {
        const def = FORMATS[String(params.format)];
        push({ ...base, code: def?.code ?? 'format', message: MESSAGES.format(value, def?.problem(String(value)) ?? 'is not valid'), expected: def?.expected ?? String(params.format) });
        break;
      }
      case 'pattern':
        push({ ...base, code: 'pattern', message: `${show(value)} does not match the required form`, expected: `a value matching ${String(params.pattern)}` });
        break;
      case 'uniqueItems': {
        const [i, j] = [Number(params.i), Number(params.j)];
        const later = Math.max(i, j);
        const path = `${e.instancePath}/${later}`;
        push({ file, ...valuePosition(index, path), path, code: 'duplicate-item', message: MESSAGES.duplicateItem(valueAt(root, path), Math.min(i, j)), expected: 'each item once' });
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        push({ ...base, code: 'range', message: MESSAGES.range(value, String(params.comparison), Number(params.limit)), expected: `a number ${String(params.comparison)} ${String(params.limit)}` });
        break;
      case 'minItems':
      case 'minProperties':
      case 'minLength':
        push({ ...base, code: 'too-few', message: MESSAGES.tooFew(Number(params.limit)), expected: e.keyword === 'minLength' ? 'a non-empty string' : `at least ${String(params.limit)}` });
        break;
      case 'maxItems':
      case 'maxProperties':
      case 'maxLength':
        push({ ...base, code: 'too-many', message: MESSAGES.tooMany(Number(params.limit)), expected: `at most ${String(params.limit)}` });
        break;
      default:
        push({ ...base, code: e.keyword, message: e.message ?? 'is not valid' });
    }
  }
  return dropRequiredMisspelt(out);
}

/** A misspelt required key is one problem, not two: keep the unknown-key (it names both). */
function dropRequiredMisspelt(diagnostics: Diagnostic[]): Diagnostic[] {
  const misspelt = new Set<string>();
  for (const d of diagnostics) {
    const m = d.code === 'unknown-key' ? /did you mean "([^"]+)"/.exec(d.message) : null;
    if (m) misspelt.add(`${d.path.slice(0, d.path.lastIndexOf('/'))}/${pointerSegment(m[1] as string)}`);
  }
  return diagnostics.filter((d) => !(d.code === 'required' && misspelt.has(d.path)));
}
