// Checks a rule's config.* paths against the collected config schemas of its resource
// types (their descriptors in src/collect/catalogue/), so a mistyped path (config.encrpytion.atRest) is
// an error in the rule file at load time, with a did-you-mean, instead of "not
// collected" at scan time. Paths inside every/some/none are checked against the
// element schema of the list they iterate.
import { configSchema, CONFIG_SCHEMAS } from '../collect/catalogue/index.js';
import { itemsOf, lookupPath, type JsonSchema } from '../model/config-schemas.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourcePosition } from '../model/spec.js';
import type { Comparison, Condition } from '../engine/rule.js';
import { COLLECTED_TYPES } from '../spec/requirement-types.js';
import { didYouMean } from '../spec/suggest.js';

/** resourceTypes entries that envgate never collects (a typo, or a type it has no source for): the rule would never run. */
export function checkRuleTypes(resourceTypes: readonly string[], file: string, at: (p: string) => SourcePosition): Diagnostic[] {
  return resourceTypes.flatMap((type, i) => {
    if (type === '*' || type.startsWith('envgate::') || COLLECTED_TYPES.includes(type)) return [];
    const near = didYouMean(type, COLLECTED_TYPES);
    const pointer = `/resourceTypes/${i}`;
    return [{ file, ...at(pointer), path: pointer, code: 'uncollected-type', message: `envgate does not collect ${type}: the rule would never run${near ? `; did you mean "${near}"?` : ''}`, expected: 'a type envgate collects (README: Collected configuration, Tagging API types)' }];
  });
}

const OPERAND_KEYS = ['equals', 'notEquals', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'matchesAny', 'contains', 'hasKeys', 'cidrWithin'] as const;
const ITERATORS = ['every', 'some', 'none'] as const;

/** The config schemas a rule over these types can read; empty when none is described (no check). */
export function schemasFor(resourceTypes: readonly string[]): { type: string; schema: JsonSchema }[] {
  const types = resourceTypes.includes('*') ? Object.keys(CONFIG_SCHEMAS) : resourceTypes;
  return types.flatMap((type) => {
    const schema = configSchema(type);
    return schema ? [{ type, schema }] : [];
  });
}

type Scope = { kind: 'resource'; schemas: { type: string; schema: JsonSchema }[] } | { kind: 'element'; schemas: JsonSchema[]; of: string };

export function checkRulePaths(
  resourceTypes: readonly string[],
  conditions: [Condition | undefined, string][],
  file: string,
  at: (p: string) => SourcePosition,
): Diagnostic[] {
  const top = schemasFor(resourceTypes);
  const out: Diagnostic[] = [];
  if (top.length === 0) {
    // No type of the rule has a described config: a config path could only ever read "not collected".
    if (resourceTypes.some((t) => t.startsWith('envgate::'))) return [];
    const reads: string[] = [];
    const walk = (c: Condition | undefined, p: string) => {
      if (!c) return;
      if ('all' in c) return c.all.forEach((x, i) => walk(x, `${p}/all/${i}`));
      if ('any' in c) return c.any.forEach((x, i) => walk(x, `${p}/any/${i}`));
      if ('not' in c) return walk(c.not, `${p}/not`);
      if (typeof c.path === 'string' && (c.path === 'config' || c.path.startsWith('config.'))) reads.push(`${p}/path`);
    };
    for (const [c, pointer] of conditions) walk(c, pointer);
    return reads.map((pointer) => ({
      file,
      ...at(pointer),
      path: pointer,
      code: 'uncollected-config',
      message: `envgate collects no configuration for ${resourceTypes.join(', ')} (only tags and names, through the Tagging API): this path would never be evaluated`,
      expected: 'a type with collected configuration (README: Collected configuration)',
    }));
  }

  /** The schemas `path` resolves to in the scope, or undefined after reporting why it resolves nowhere. */
  const resolve = (path: string, scope: Scope, pointer: string): JsonSchema[] | undefined => {
    if (scope.kind === 'resource') {
      if (path !== 'config' && !path.startsWith('config.')) return undefined; // name, tags.x, type...: not config
      if (path === 'config') return top.map((t) => t.schema);
      const rest = path.slice('config.'.length);
      const found = scope.schemas.map((t) => ({ t, r: lookupPath(t.schema, rest) }));
      const ok = found.flatMap(({ r }) => (r.ok ? [r.schema] : []));
      if (ok.length > 0) return ok;
      const miss = found[0]!.r as { ok: false; at: string; known: string[] };
      const last = miss.at.split('.').at(-1)!;
      const near = didYouMean(last, [...new Set(found.flatMap(({ r }) => (r.ok ? [] : r.known)))]);
      const types = scope.schemas.map((t) => t.type);
      out.push({
        file,
        ...at(pointer),
        path: pointer,
        code: 'unknown-config-path',
        message: `${path}: the collected config of ${types.length > 3 ? `${types.length} types` : types.join(', ')} has no "config.${miss.at}"${near ? `; did you mean "${near}"?` : ''}`,
        expected: `a property envgate collects (README: Collected configuration)${miss.known.length > 0 && miss.known.length <= 12 ? `: ${miss.known.join(', ')}` : ''}`,
      });
      return undefined;
    }
    const found = scope.schemas.map((s) => lookupPath(s, path));
    const ok = found.flatMap((r) => (r.ok ? [r.schema] : []));
    if (ok.length > 0) return ok;
    const miss = found[0] as { ok: false; at: string; known: string[] } | undefined;
    if (!miss) return undefined;
    const near = didYouMean(miss.at.split('.').at(-1)!, miss.known);
    out.push({
      file,
      ...at(pointer),
      path: pointer,
      code: 'unknown-config-path',
      message: `${path}: an element of ${scope.of} has no "${miss.at}"${near ? `; did you mean "${near}"?` : ''}`,
      expected: `one of ${miss.known.join(', ')}`,
    });
    return undefined;
  };

  const visit = (c: Condition, p: string, scope: Scope) => {
    if ('all' in c) return c.all.forEach((x, i) => visit(x, `${p}/all/${i}`, scope));
    if ('any' in c) return c.any.forEach((x, i) => visit(x, `${p}/any/${i}`, scope));
    if ('not' in c) return visit(c.not, `${p}/not`, scope);
    const cmp = c as Comparison;
    const subject = typeof cmp.path === 'string' && cmp.path !== '.' ? resolve(cmp.path, scope, `${p}/path`) : undefined;
    for (const k of OPERAND_KEYS) {
      const v = cmp[k] as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { path?: unknown }).path === 'string') resolve((v as { path: string }).path, scope, `${p}/${k}/path`);
    }
    for (const q of ITERATORS) {
      const inner = cmp[q];
      if (!inner) continue;
      // Only a config list has a known element schema; relations, env lists etc. are not checked.
      const elements = (subject ?? []).flatMap((s) => {
        const items = itemsOf(s);
        return items ? [items] : [];
      });
      if (elements.length > 0 && elements.every((e) => Object.keys(e).length > 0)) visit(inner, `${p}/${q}`, { kind: 'element', schemas: elements, of: cmp.path! });
    }
  };
  for (const [c, pointer] of conditions) if (c) visit(c, pointer, { kind: 'resource', schemas: top });
  return out;
}
