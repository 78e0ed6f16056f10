// Every report format, in the order reports are written and listed. A new format is one
// module exporting a Formatter, one line here, and its test; `--format`, the file names
// and the README's table of formats are derived from this list.
import { asffFormatter } from './asff.js';
import { csvFormatter } from './csv.js';
import type { Formatter } from './formatter.js';
import { htmlFormatter } from './html/index.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { markdownFormatter } from './markdown.js';
import { ocsfFormatter } from './ocsf.js';
import { sarifFormatter } from './sarif-format.js';

export const FORMATTERS: readonly Formatter[] = [
  jsonFormatter,
  sarifFormatter,
  markdownFormatter,
  csvFormatter,
  junitFormatter,
  ocsfFormatter,
  asffFormatter,
  htmlFormatter,
];

export const FORMAT_NAMES: readonly string[] = FORMATTERS.map((f) => f.name);
export const DEFAULT_FORMATS: readonly string[] = FORMATTERS.filter((f) => f.byDefault).map((f) => f.name);

const BY_NAME = new Map<string, Formatter>(FORMATTERS.flatMap((f) => [f.name, ...f.aliases].map((n) => [n, f] as const)));

/** The formatter a `--format` name (or alias, any case) selects; undefined when none does. */
export function formatterFor(name: string): Formatter | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

export function formatterNamed(name: string): Formatter {
  const f = BY_NAME.get(name);
  if (!f) throw new Error(`no report format '${name}'`);
  return f;
}

/** The README's table of formats (between `<!-- formats -->` markers; `npm run reports` rewrites it). */
export function formatsTable(): string {
  const rows = FORMATTERS.map((f) => {
    const names = [f.name, ...f.aliases].map((n) => `\`${n}\``).join(', ');
    return `| ${names} | \`${f.fileName}\` | \`${f.mediaType}\` | ${f.byDefault ? 'yes' : 'no'} | ${f.summary} |`;
  });
  return ['| `--format` | file | media type | default | what it is |', '|---|---|---|---|---|', ...rows].join('\n');
}
