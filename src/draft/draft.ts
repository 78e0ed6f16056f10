// envgate draft: documents -> recognised facts -> a spec with a citation on every value,
// the ambiguities, and what read like requirements but map to no spec field.
import { assemble, type Assembled } from './assemble.js';
import { cite } from './cite.js';
import { parseDocumentText } from './markdown.js';
import { RECOGNISERS } from './recognisers/index.js';
import { writeTree } from './tree.js';
import type { Ambiguity, Fact, ParsedDoc, Unmapped } from './types.js';

export interface DraftInput {
  /** The name cited in comments, e.g. the path as given on the command line. */
  name: string;
  text: string;
}

export interface Draft extends Assembled {
  docs: ParsedDoc[];
  facts: Fact[];
  unmapped: Unmapped[];
  yaml: string;
}

// Words that make a line read like a requirement.
const REQUIREMENT = /\b(must|required?|enabled?|encrypt\w*|retention|backups?|only|isolat\w*|separate|restricted|no access|multi-az|replicat\w*|ssl|tls|vpc|iam|monitoring)\b/i;

function unmappedLines(docs: readonly ParsedDoc[], used: readonly Fact[], found: readonly Unmapped[]): Unmapped[] {
  const usedLines = new Set(used.map((f) => `${f.source.doc}:${f.source.line}`));
  const out = new Map<string, Unmapped>();
  const add = (u: Unmapped) => {
    const id = `${u.doc}:${u.line}`;
    if (!usedLines.has(id) && !out.has(id)) out.set(id, u);
  };
  for (const u of found) add(u);
  for (const d of docs) {
    for (const u of d.unparsed) add(u);
    for (const a of d.hcl) add({ doc: a.doc, line: a.line, text: a.text, reason: `HCL ${a.key}: no spec field` });
    for (const t of d.texts) if (REQUIREMENT.test(t.text)) add({ doc: t.doc, line: t.line, text: t.text, reason: 'reads like a requirement; no recogniser maps it' });
  }
  return [...out.values()].sort((a, b) => a.doc.localeCompare(b.doc) || a.line - b.line);
}

function ambiguityComment(a: Ambiguity): string[] {
  const where = a.scope === '' ? '' : `${a.scope}: `;
  return [`- ${where}${a.message}`, ...a.sources.map((s) => `    ${cite(s)}`)];
}

export async function draftSpec(inputs: readonly DraftInput[]): Promise<Draft> {
  const docs: ParsedDoc[] = [];
  for (const i of inputs) docs.push(await parseDocumentText(i.name, i.text));
  const envs = [...new Set(docs.flatMap((d) => d.envs.map((m) => m.env)))];
  const facts: Fact[] = [];
  const found: Unmapped[] = [];
  const recognised: Ambiguity[] = [];
  for (const r of RECOGNISERS) {
    const out = r.recognise(docs, envs);
    facts.push(...out.facts);
    found.push(...(out.unmapped ?? []));
    recognised.push(...(out.ambiguities ?? []));
  }
  const assembled = assemble(docs, facts);
  assembled.ambiguities.unshift(...recognised);
  const unmapped = unmappedLines(docs, assembled.used, found);
  const lines = [
    `# Drafted by envgate draft from ${inputs.map((i) => i.name).join(', ')}.`,
    '# Every value cites DOC:LINE and the text it came from. Review before use: the draft',
    '# encodes what the document says, not what it means. PLACEHOLDER marks values the',
    '# schema needs and the document does not give.',
    ...writeTree(assembled.tree),
  ];
  if (assembled.ambiguities.length > 0) {
    lines.push('', '# Ambiguities (left out of the draft; decide and add them by hand):');
    for (const a of assembled.ambiguities) lines.push(...ambiguityComment(a).map((l) => `# ${l}`));
  }
  if (unmapped.length > 0) {
    lines.push('', '# Not mapped to the spec (requirements envgate cannot check, or could not read):');
    for (const u of unmapped) lines.push(`# - ${cite(u)}: ${u.reason}`);
  }
  return { ...assembled, docs, facts, unmapped, yaml: `${lines.join('\n')}\n` };
}
