// The config file: options a team sets once (spec path, formats, out dir, fail-on,
// waivers, baseline, ...) in `.envgate.yaml` in the working directory, or the file
// `--config` names. A file of its own rather than a key in the spec: the spec is the
// architecture's policy (its sha256 is in every report), while these are how one
// pipeline runs it, and a repository may run one spec in several ways. Precedence is
// flag > config file > default (the values are handed to yargs' .config()).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { readText } from '../gate/files.js';
import { type Located, locatedYaml } from '../gate/locate.js';
import { FORMAT_NAMES, formatterFor } from '../report/registry.js';
import { schemaDiagnostics, sortDiagnostics } from '../gate/schema-errors.js';
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import { didYouMean } from '../spec/suggest.js';

import { CONFIG_FILE } from './config-name.js';
import { PASSES_CHOICES } from './passes.js';

export { CONFIG_FILE };

const str = { type: 'string', minLength: 1 };
const strings = { oneOf: [str, { type: 'array', items: str, minItems: 1 }] };
const seconds = { oneOf: [{ type: 'number', exclusiveMinimum: 0, maximum: 86_400 }, str] };

/**
 * Every option a config file may set, as its JSON Schema, and whether it is a path
 * (read relative to the config file). One place: the schema, the README and the
 * check of command sections derive from it.
 */
export const CONFIG_OPTIONS: Readonly<Record<string, { schema: object; path?: boolean; list?: boolean }>> = {
  spec: { schema: str, path: true },
  rules: { schema: strings, path: true, list: true },
  format: { schema: strings, list: true },
  out: { schema: str, path: true },
  'fail-on': { schema: { enum: ['critical', 'high', 'medium', 'low', 'none'] } },
  waivers: { schema: str, path: true },
  baseline: { schema: str, path: true },
  passes: { schema: { enum: [...PASSES_CHOICES] } },
  'allow-incomplete': { schema: { type: 'boolean' } },
  environment: { schema: strings, list: true },
  region: { schema: strings, list: true },
  profile: { schema: str },
  endpoint: { schema: str },
  concurrency: { schema: { type: 'integer', minimum: 1 } },
  'total-concurrency': { schema: { type: 'integer', minimum: 1 } },
  workers: { schema: { oneOf: [{ const: 'auto' }, { type: 'integer', minimum: 1 }] } },
  'connect-timeout': { schema: seconds },
  'attempt-timeout': { schema: seconds },
  'call-timeout': { schema: seconds },
  progress: { schema: { type: 'boolean' } },
  prices: { schema: { type: 'boolean' } },
  'pricing-endpoint': { schema: str },
  'price-cache': { schema: str, path: true },
  'price-cache-max-age': { schema: { type: 'integer', minimum: 0 } },
};

/** Commands a config file may hold a section for (values there win over the top level). */
export const CONFIG_SECTIONS = ['scan', 'gate', 'inventory', 'merge', 'diff'] as const;

const optionsSchema = { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(CONFIG_OPTIONS).map(([k, v]) => [k, v.schema])) };

export const configSchema: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'envgate config file (.envgate.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1 },
    ...optionsSchema.properties,
    ...Object.fromEntries(CONFIG_SECTIONS.map((c) => [c, optionsSchema])),
  },
};

export interface ConfigFile {
  file: string;
  /** Top-level options, paths already relative to the working directory. */
  options: Record<string, unknown>;
  sections: Partial<Record<(typeof CONFIG_SECTIONS)[number], Record<string, unknown>>>;
  /** Where each `/key` and `/section/key` stands, for errors about values the command refuses. */
  at(pointer: string): { line: number; column: number };
}

/** The config file to read: `--config F` (it must exist), else `.envgate.yaml` in cwd when present. */
export function configPath(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--config') return argv[i + 1] ?? '';
    if (a.startsWith('--config=')) return a.slice('--config='.length);
  }
  const local = path.join(cwd, CONFIG_FILE);
  return existsSync(local) ? CONFIG_FILE : undefined;
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Reads and checks a config file: every problem at once, with file, line and key. */
export function loadConfig(file: string, cwd: string): ConfigFile {
  const text = readText(file, 'config file');
  const located = locatedYaml(text);
  const syntax = located.syntaxErrors(file);
  if (syntax.length > 0) throw new InputError(`${file}: not valid YAML`, syntax);
  const data: unknown = located.doc.toJS({ maxAliasCount: 100 }) ?? {};
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  const diags = validator(data) ? [] : schemaDiagnostics(validator.errors ?? [], file, located).map(withSuggestion);
  diags.push(...formatProblems(data, file, located));
  if (diags.length > 0) {
    throw new InputError(`${file}: ${diags.length} problem(s); the config file is not valid`, sortDiagnostics(diags));
  }
  const record = data as Record<string, unknown>;
  const dir = path.dirname(file);
  const options = normalise(pick(record, Object.keys(CONFIG_OPTIONS)), dir, cwd);
  const sections: ConfigFile['sections'] = {};
  for (const c of CONFIG_SECTIONS) if (record[c] !== undefined) sections[c] = normalise(record[c] as Record<string, unknown>, dir, cwd);
  return { file, options, sections, at: (p) => located.locateKey(p) };
}

/**
 * The values for one command: top-level options it takes, then its section. A section
 * key the command does not take is an error at its line (a top-level one is simply not
 * for this command, e.g. `baseline` for scan).
 */
export function configFor(config: ConfigFile, command: string, takes: readonly string[]): Record<string, unknown> {
  const out = pick(config.options, takes);
  const section = (config.sections as Record<string, Record<string, unknown> | undefined>)[command];
  if (section === undefined) return out;
  const refused = Object.keys(section).filter((k) => !takes.includes(k));
  if (refused.length > 0) {
    const diags: Diagnostic[] = refused.map((k) => ({
      file: config.file,
      ...config.at(`/${command}/${k}`),
      path: `/${command}/${k}`,
      code: 'not-an-option',
      message: `envgate ${command} takes no --${k}`,
      expected: `one of ${takes.filter((t) => t in CONFIG_OPTIONS).sort().join(', ')}`,
    }));
    throw new InputError(`${config.file}: the ${command} section sets options ${command} does not take`, diags);
  }
  return { ...out, ...section };
}

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => keys.includes(k)));
}

/** Lists as arrays (as repeated flags give them), paths relative to the working directory. */
function normalise(values: Record<string, unknown>, dir: string, cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const def = CONFIG_OPTIONS[k];
    let value = def?.list && !Array.isArray(v) ? [v] : v;
    if (def?.path) value = Array.isArray(value) ? value.map((p) => relocate(String(p), dir, cwd)) : relocate(String(value), dir, cwd);
    out[k] = value;
  }
  return out;
}

/** A path written in the config file, as seen from the working directory (never absolute unless written so). */
function relocate(p: string, dir: string, cwd: string): string {
  if (p === '-' || path.isAbsolute(p)) return p;
  return path.relative(cwd, path.resolve(cwd, dir, p)) || '.';
}

/** `format` values the report registry does not know, at their line (a list, or comma-separated text). */
function formatProblems(data: unknown, file: string, located: Located): Diagnostic[] {
  if (data === null || typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  const where = [['', record], ...CONFIG_SECTIONS.map((c) => [`/${c}`, record[c]] as const)] as const;
  const out: Diagnostic[] = [];
  for (const [base, values] of where) {
    const v = values !== null && typeof values === 'object' ? (values as Record<string, unknown>).format : undefined;
    const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
    list.forEach((item, i) => {
      if (typeof item !== 'string') return;
      const pointer = Array.isArray(v) ? `${base}/format/${i}` : `${base}/format`;
      for (const name of item.split(',').map((f) => f.trim()).filter(Boolean)) {
        if (formatterFor(name) !== undefined) continue;
        out.push({ file, ...located.locate(pointer), path: pointer, code: 'unknown-format', message: `unknown report format '${name}'`, expected: `one of ${FORMAT_NAMES.join(', ')}` });
      }
    });
  }
  return out;
}

/** `unknown key 'fail_on'` gains "did you mean 'fail-on'?" from the keys allowed there. */
function withSuggestion(d: Diagnostic): Diagnostic {
  if (d.code !== 'unknown-key') return d;
  const key = d.path.split('/').pop() ?? '';
  const inSection = d.path.split('/').length > 2;
  const allowed = inSection ? Object.keys(CONFIG_OPTIONS) : ['version', ...Object.keys(CONFIG_OPTIONS), ...CONFIG_SECTIONS];
  const guess = didYouMean(key, allowed);
  return { ...d, message: `${d.message}${guess ? `; did you mean '${guess}'?` : ''}`, expected: `one of ${allowed.join(', ')}` };
}
