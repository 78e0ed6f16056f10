// Environment names given on the command line (gate --from/--to, --environment): a spec
// environment or one of its aliases, case-insensitive, resolved to the spec's name. An
// unknown name is an InputError located at the spec's environments, with a did-you-mean.
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import type { LoadedSpec } from '../model/spec.js';
import { didYouMean } from './suggest.js';

/** The spec environment `name` names (itself or an alias, any case), or undefined. */
export function resolveEnvironmentName(loaded: LoadedSpec, name: string): string | undefined {
  const envs = loaded.spec.environments;
  if (Object.hasOwn(envs, name)) return name;
  const lower = name.toLowerCase();
  for (const env of Object.keys(envs).sort()) {
    if (env.toLowerCase() === lower || (envs[env]!.aliases ?? []).some((a) => a.toLowerCase() === lower)) return env;
  }
  return undefined;
}

/** Each `{ option, name }` resolved to a spec environment; one InputError naming every unknown one. */
export function resolveEnvironmentNames(loaded: LoadedSpec, requested: readonly { option: string; name: string }[]): string[] {
  const known = Object.keys(loaded.spec.environments).sort();
  const spelled = known.flatMap((e) => [e, ...(loaded.spec.environments[e]!.aliases ?? [])]);
  const pos = loaded.positions['/environments'] ?? { line: 1, column: 1 };
  const out: string[] = [];
  const diags: Diagnostic[] = [];
  const unknown: string[] = [];
  for (const { option, name } of requested) {
    const env = resolveEnvironmentName(loaded, name);
    if (env !== undefined) {
      out.push(env);
      continue;
    }
    const guess = didYouMean(name, spelled);
    const suggestion = guess === undefined ? '' : ` (did you mean ${resolveEnvironmentName(loaded, guess) ?? guess}?)`;
    unknown.push(`'${name}'`);
    diags.push({
      file: loaded.file,
      line: pos.line,
      column: pos.column,
      path: '/environments',
      code: 'unknown-environment',
      message: `--${option} ${name} is not an environment of the spec or an alias of one${suggestion}`,
      expected: known.map((e) => ((loaded.spec.environments[e]!.aliases ?? []).length > 0 ? `${e} (${loaded.spec.environments[e]!.aliases.join(', ')})` : e)).join(', '),
    });
  }
  if (diags.length > 0) throw new InputError(`unknown environment ${unknown.join(', ')}`, diags);
  return out;
}
