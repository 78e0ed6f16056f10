// The README's "Collected configuration" table, rendered from the descriptors so the
// docs and the contract cannot drift (`npm run config-reference` rewrites it; a test
// checks it is current).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from '../../model/config-schemas.js';
import { CONFIG_SCHEMAS } from './index.js';

export const BEGIN = '<!-- generated:config-reference -->';
export const END = '<!-- /generated:config-reference -->';

function typeWord(s: JsonSchema): string {
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).map(typeWord).join(' or ');
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.type === 'array') return `list of ${typeWord(s.items as JsonSchema)}`;
  if (s.type === 'object' && !s.properties) return 'map';
  return typeof s.type === 'string' ? s.type : 'any';
}

/** Leaf paths of a schema: `a.b` (type), lists of objects as `a[].b`. */
function leaves(s: JsonSchema, prefix: string): string[] {
  const alternatives = Array.isArray(s.anyOf) ? (s.anyOf as JsonSchema[]) : [s];
  const object = alternatives.find((a) => a.type === 'object' && a.properties);
  if (object) return Object.entries(object.properties as Record<string, JsonSchema>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  if (s.type === 'array' && (s.items as JsonSchema).type === 'object' && (s.items as JsonSchema).properties) return leaves(s.items as JsonSchema, `${prefix}[]`);
  return [`\`${prefix}\` ${typeWord(s)}`];
}

export function renderConfigReference(): string {
  const rows = Object.entries(CONFIG_SCHEMAS).map(([type, schema]) => `| \`${type}\` | ${leaves(schema, '').join(', ')} |`);
  return [BEGIN, '| type | `config` properties |', '|---|---|', ...rows, END].join('\n');
}

export function withReference(readme: string): string {
  const [a, b] = [readme.indexOf(BEGIN), readme.indexOf(END)];
  if (a < 0 || b < a) throw new Error(`README has no ${BEGIN} ... ${END} block`);
  return readme.slice(0, a) + renderConfigReference() + readme.slice(b + END.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = fileURLToPath(new URL('../../../README.md', import.meta.url));
  writeFileSync(file, withReference(readFileSync(file, 'utf8')));
  console.log('README.md: collected configuration table rewritten');
}
