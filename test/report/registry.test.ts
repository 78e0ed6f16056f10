// The formatter registry: names and files are unique, --format selects by name or alias,
// and every formatter writes through the one signature what its renderer returns.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { parseFormats, renderReports } from '../../src/cli/report-options.js';
import { renderToString } from '../../src/report/formatter.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { fitMarkdown } from '../../src/report/markdown-limit.js';
import { DEFAULT_FORMATS, FORMATTERS, formatterFor, formatsTable } from '../../src/report/registry.js';
import { renderSarif } from '../../src/report/sarif.js';
import { sampleContext, sampleEvaluation } from './helpers.js';

describe('formatter registry', () => {
  it('has unique names, aliases and file names', () => {
    const names = FORMATTERS.flatMap((f) => [f.name, ...f.aliases]);
    expect(new Set(names).size).toBe(names.length);
    const files = FORMATTERS.map((f) => f.fileName);
    expect(new Set(files).size).toBe(files.length);
    for (const f of FORMATTERS) expect(f.fileName.startsWith('envgate.')).toBe(true);
  });

  it('keeps json, sarif and md as the defaults', () => {
    expect(DEFAULT_FORMATS).toEqual(['json', 'sarif', 'md']);
  });

  it('selects by name or alias, any case', () => {
    expect(formatterFor('MARKDOWN')?.name).toBe('md');
    expect(formatterFor(' sarif ')?.fileName).toBe('envgate.sarif');
    expect(formatterFor('xml')).toBeUndefined();
  });

  it('writes through the sink what the renderers return', () => {
    const ev = sampleEvaluation();
    const ctx = sampleContext();
    expect(renderToString(formatterFor('json')!, ev, ctx)).toBe(renderJson(ev, ctx));
    expect(renderToString(formatterFor('sarif')!, ev, ctx)).toBe(renderSarif(ev, ctx));
    expect(renderToString(formatterFor('md')!, ev, ctx)).toBe(fitMarkdown(renderMarkdown(ev, ctx)));
  });

  it('lists every format in the README table', () => {
    const table = formatsTable();
    for (const f of FORMATTERS) expect(table).toContain(`| \`${f.name}\``);
  });
});

describe('--format', () => {
  it('defaults to the default formats and keeps registry order', () => {
    expect(parseFormats({ out: 'out' })).toEqual(['json', 'sarif', 'md']);
    expect(parseFormats({ out: 'out', format: ['markdown,JSON'] })).toEqual(['json', 'md']);
  });

  it('refuses an unknown name with the list of names', () => {
    let err: unknown;
    try {
      parseFormats({ out: 'out', format: ['json,xlsx'] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const d = (err as InputError).diagnostics[0]!;
    expect(d.code).toBe('unknown-format');
    expect(d.message).toContain("'xlsx'");
    expect(d.expected).toContain('json, sarif, md');
  });

  it('renders the chosen formats keyed by name', () => {
    const rendered = renderReports(['md', 'json'], sampleEvaluation(), sampleContext());
    expect([...rendered.keys()]).toEqual(['json', 'md']);
  });
});
