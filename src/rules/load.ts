// Reads rule files: the built-in rules/ directory plus user --rules directories, each
// validated by the rule schema and the same checks, all problems reported at once with
// file:line:col. This is the only place rules touch the filesystem; the engine is pure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import type { RuleMeta } from '../model/result.js';
import type { Analysis } from '../engine/context.js';
import type { Condition, Rule } from '../engine/rule.js';
import type { ExemptionKind } from '../engine/exemptions.js';
import { ANALYSES } from '../engine/analyses/index.js';
import { translateAjvErrors, valuePosition } from '../spec/ajv-errors.js';
import { parseSource } from '../spec/source.js';
import { ruleSchema } from './schema.js';
import { checkConditions } from './conditions-check.js';
import { checkRulePaths } from './paths-check.js';

/** The built-in rules directory (the repository's rules/). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
/** How built-in rule files are named in diagnostics: stable whatever the install path. */
const BUILTIN_LABEL = 'rules';

export interface LoadRulesOptions {
  /** Include the built-in rules (default true). */
  builtin?: boolean;
  /** The analysis registry rule options are validated against (default: the built-in one). */
  analyses?: Readonly<Record<string, Analysis<never>>>;
}

let ruleValidator: ValidateFunction | undefined;
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const optionValidators = new Map<string, ValidateFunction>();

/**
 * Loads built-in rules and the rules in `dirs` (user `--rules` directories, as given).
 * Throws InputError listing every problem; duplicate ids across directories are one.
 */
export function loadRules(dirs: readonly string[] = [], options: LoadRulesOptions = {}): Rule[] {
  const diagnostics: Diagnostic[] = [];
  const rules: Rule[] = [];
  const byId = new Map<string, Rule>();
  const sources: { dir: string; label: string; origin: string }[] = [];
  if (options.builtin !== false) sources.push({ dir: BUILTIN_RULES_DIR, label: BUILTIN_LABEL, origin: 'builtin' });
  for (const d of dirs) sources.push({ dir: d, label: d, origin: d });

  for (const src of sources) {
    let names: string[];
    try {
      if (!statSync(src.dir).isDirectory()) throw new Error('not a directory');
      names = readdirSync(src.dir).filter((n) => /\.ya?ml$/.test(n)).sort();
    } catch (err) {
      diagnostics.push({ file: src.label, line: 1, column: 1, path: '', code: 'rules-dir', message: `cannot read rules directory: ${(err as Error).message}`, expected: 'a directory of rule files (*.yaml)' });
      continue;
    }
    for (const name of names) {
      const file = path.join(src.label, name);
      let text: string;
      try {
        text = readFileSync(path.join(src.dir, name), 'utf8');
      } catch (err) {
        diagnostics.push({ file, line: 1, column: 1, path: '', code: 'unreadable', message: `cannot read the file: ${(err as Error).message}` });
        continue;
      }
      const parsed = parseRule(text, file, src.origin, options.analyses);
      if ('diagnostics' in parsed) {
        diagnostics.push(...parsed.diagnostics);
        continue;
      }
      const first = byId.get(parsed.rule.meta.id);
      if (first) {
        diagnostics.push({ file, ...parsed.idPosition, path: '/id', code: 'duplicate-id', message: `rule id "${parsed.rule.meta.id}" is already defined in ${first.file ?? first.meta.origin}`, expected: 'a rule id used once' });
        continue;
      }
      byId.set(parsed.rule.meta.id, parsed.rule);
      rules.push(parsed.rule);
    }
  }
  if (diagnostics.length > 0) {
    const files = new Set(diagnostics.map((d) => d.file)).size;
    throw new InputError(`${diagnostics.length} ${diagnostics.length === 1 ? 'problem' : 'problems'} in ${files} rule ${files === 1 ? 'file' : 'files'}`, diagnostics);
  }
  return rules.sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
}

/** Parses and validates one rule file's text; `file` names it in diagnostics (its stem is the id). */
export function parseRule(
  text: string,
  file: string,
  origin: string,
  analyses: Readonly<Record<string, Analysis<never>>> = ANALYSES,
): { rule: Rule; idPosition: { line: number; column: number } } | { diagnostics: Diagnostic[] } {
  const src = parseSource(text, file);
  if (src.diagnostics.length > 0) return { diagnostics: src.diagnostics };
  const value = src.value;
  const at = (pointer: string) => valuePosition(src, pointer);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { diagnostics: [{ file, line: 1, column: 1, path: '', code: 'not-a-mapping', message: 'a rule file must be a mapping', expected: 'a mapping with id, title, category, ...' }] };
  }
  ruleValidator ??= ajv.compile(ruleSchema);
  if (!ruleValidator(value)) return { diagnostics: translateAjvErrors(ruleValidator.errors ?? [], value, file, src) };

  const doc = value as RuleDoc;
  const diagnostics: Diagnostic[] = [];
  const stem = path.basename(file).replace(/\.ya?ml$/, '');
  if (doc.id !== stem) {
    diagnostics.push({ file, ...at('/id'), path: '/id', code: 'id-mismatch', message: `rule id "${doc.id}" differs from the file name "${stem}"`, expected: `id: ${stem}` });
  }
  for (const [key, cond] of [['applicability', doc.applicability], ['check', doc.check]] as const) {
    if (cond) diagnostics.push(...checkConditions(cond, `/${key}`, file, at));
  }
  if (doc.each?.where) diagnostics.push(...checkConditions(doc.each.where, '/each/where', file, at));
  diagnostics.push(...checkRulePaths(doc.resourceTypes, [[doc.applicability, '/applicability'], [doc.each?.where, '/each/where'], [doc.check, '/check']], file, at));
  if (doc.each && !doc.check) {
    diagnostics.push({ file, ...at('/each'), path: '/each', code: 'each-without-check', message: '"each" needs a "check" to run per item', expected: 'a check' });
  }
  if (doc.analysis) {
    const analysis = analyses[doc.analysis.name];
    if (!analysis) {
      const known = Object.keys(analyses).sort();
      diagnostics.push({ file, ...at('/analysis/name'), path: '/analysis/name', code: 'unknown-analysis', message: `no analysis named "${doc.analysis.name}"`, expected: `one of ${known.join(', ')}` });
    } else {
      let validate = optionValidators.get(analysis.name);
      if (!validate) optionValidators.set(analysis.name, (validate = ajv.compile(analysis.optionsSchema)));
      const opts = doc.analysis.options ?? {};
      if (!validate(opts)) {
        const prefixed = (validate.errors ?? []).map((e) => ({ ...e, instancePath: `/analysis/options${e.instancePath}` }));
        diagnostics.push(...translateAjvErrors(prefixed, value, file, src).map((d) => ({ ...d, code: d.code === 'unknown-key' ? 'unknown-key' : `analysis-options-${d.code}` })));
      }
      if (doc.applicability || doc.each) {
        diagnostics.push({ file, ...at('/analysis'), path: '/analysis', code: 'analysis-with-condition', message: 'an analysis rule takes its scope from its options, not from applicability/each', expected: 'analysis alone' });
      }
      // An exemption the analysis never reads would be a promise nothing keeps.
      if (doc.exempt && !analysis.exemptions) {
        const able = Object.keys(analyses).filter((n) => analyses[n]!.exemptions).sort();
        diagnostics.push({ file, ...at('/exempt'), path: '/exempt', code: 'exempt-unsupported', message: `analysis "${analysis.name}" does not leave anything out`, expected: `exempt only with a declarative check or one of ${able.join(', ')}` });
      }
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  const rule: Rule = {
    meta: {
      id: doc.id,
      title: doc.title,
      category: doc.category,
      severity: doc.severity,
      resourceTypes: [...doc.resourceTypes],
      description: doc.description.trim(),
      remediation: doc.remediation.trim(),
      requirement: doc.requirement,
      docs: doc.docs,
      origin,
    },
    file,
  };
  if (doc.applicability) rule.applicability = doc.applicability;
  if (doc.each) rule.each = doc.each;
  if (doc.check) rule.check = doc.check;
  if (doc.analysis) rule.analysis = { name: doc.analysis.name, options: doc.analysis.options ?? {} };
  if (doc.exempt) rule.exempt = [...doc.exempt];
  return { rule, idPosition: at('/id') };
}

/** A rule file as written: the rule's metadata (its origin comes from where it was read) plus its logic. */
interface RuleDoc extends Omit<RuleMeta, 'origin'> {
  applicability?: Condition;
  each?: Rule['each'];
  check?: Condition;
  analysis?: { name: string; options?: Record<string, unknown> };
  exempt?: ExemptionKind[];
}
