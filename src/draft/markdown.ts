// Parses one document: Markdown by mdast (GFM tables), HCL blocks by hcl2json, YAML
// blocks by yaml, JSON blocks by JSON.parse. Every unit keeps its line and the
// environment its heading, label or block comment names.
import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { envOfHeading, envOfWord, leadingEnv, plain } from './envs.js';
import { parseHcl } from './hcl.js';
import type { EnvMention, ParsedDoc, Table } from './types.js';

interface Heading {
  depth: number;
  text: string;
  env?: string;
}

/** Inline text of a node; inline code keeps its backticks so patterns stay recognisable. */
function inline(node: Nodes): string {
  if (node.type === 'inlineCode') return `\`${node.value}\``;
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(inline).join('');
  return '';
}

function headingEnv(stack: readonly Heading[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.env) return stack[i]!.env;
  return undefined;
}

export async function parseDocumentText(name: string, text: string): Promise<ParsedDoc> {
  const lines = text.split(/\r?\n/);
  const root: Root = fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  const doc: ParsedDoc = { name, title: '', titleLine: 0, envs: [], texts: [], tables: [], hcl: [], json: [], unparsed: [] };
  const stack: Heading[] = [];
  const seenLines = new Set<number>();
  let lastParagraph = '';
  let labelEnv: string | undefined;
  const mention = (m: EnvMention) => doc.envs.push(m);
  const source = (line: number) => ({ doc: name, line, text: (lines[line - 1] ?? '').trim() });

  const addText = (line: number, textOverride?: string) => {
    if (seenLines.has(line)) return;
    seenLines.add(line);
    const src = source(line);
    const t = textOverride ?? src.text;
    if (t === '' || /^[-=|#>`]+$/.test(t)) return;
    const lead = leadingEnv(t);
    if (lead) {
      mention({ ...src, env: lead.env, word: lead.word });
      if (lead.alias) mention({ ...src, env: lead.env, word: lead.alias });
    }
    // A label line ("**Production Data**:") scopes the list below it, up to the next label.
    const label = /^(?:\d+\.\s+)?\*\*([^*]+)\*\*:?\s*$/.exec(t);
    if (label) labelEnv = envOfWord(label[1]!.trim().split(/\s+/)[0]!);
    const env = lead?.env ?? labelEnv ?? headingEnv(stack);
    lastParagraph = plain(t);
    doc.texts.push({ ...src, text: t, headings: stack.map((h) => h.text), ...(env ? { env } : {}) });
  };

  const visit = async (node: RootContent | Nodes): Promise<void> => {
    const start = node.position?.start.line ?? 0;
    const end = node.position?.end.line ?? start;
    if (node.type === 'heading') {
      const text = plain(inline(node));
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
      const env = envOfHeading(text);
      if (env) mention({ ...source(start), env, word: /^\W*(?:\d+(?:\.\d+)*\.?\s+)?([A-Za-z]+)/.exec(text)?.[1] ?? env });
      stack.push({ depth: node.depth, text, ...(env ? { env } : {}) });
      lastParagraph = '';
      labelEnv = undefined;
      if (node.depth === 1 && doc.title === '') {
        doc.title = text;
        doc.titleLine = start;
      }
      return;
    }
    if (node.type === 'table') {
      const [head, ...rows] = node.children;
      const header = (head?.children ?? []).map((c) => plain(inline(c)));
      const table: Table = {
        doc: name,
        line: start,
        headings: stack.map((h) => h.text),
        header,
        rows: rows.map((r) => ({
          line: r.position?.start.line ?? start,
          text: source(r.position?.start.line ?? start).text,
          cells: r.children.map((c) => inline(c).trim()),
        })),
      };
      const env = headingEnv(stack);
      if (env) table.env = env;
      header.forEach((h) => {
        const e = envOfWord(h);
        if (e) mention({ ...source(start), env: e, word: h });
      });
      doc.tables.push(table);
      for (let l = start; l <= end; l++) seenLines.add(l);
      return;
    }
    if (node.type === 'code') {
      await code(node.lang ?? '', node.value, start + 1);
      for (let l = start; l <= end; l++) seenLines.add(l);
      return;
    }
    if (node.type === 'paragraph') {
      for (let l = start; l <= end; l++) addText(l);
      return;
    }
    if ('children' in node) for (const child of node.children as RootContent[]) await visit(child);
  };

  const code = async (lang: string, value: string, first: number) => {
    const env = headingEnv(stack);
    const headings = stack.map((h) => h.text);
    const l = lang.toLowerCase();
    const body = value.split('\n').filter((x) => !/^\s*(#|\/\/)/.test(x)).join('\n').trim();
    if (l === 'json' || (body.startsWith('{') && (l === 'hcl' || l === ''))) {
      // An IAM policy is often fenced as hcl; JSON is what it is.
      try {
        doc.json.push({ ...source(first), value: JSON.parse(body) as unknown, headings, ...(env ? { env } : {}) });
      } catch (err) {
        if (l === 'json') doc.unparsed.push({ ...source(first), reason: `not valid JSON: ${(err as Error).message}` });
      }
      if (l === 'json' || doc.json.at(-1)?.line === first) return;
    }
    if (l === 'hcl' || l === 'terraform' || l === 'tf') {
      const out = await parseHcl(name, value, first, lines, env);
      doc.hcl.push(...out.attrs);
      doc.unparsed.push(...out.unparsed);
    } else if (l === 'yaml' || l === 'yml') {
      yamlBlock(value, first, env, headings);
    }
  };

  // A YAML block becomes text lines "key: value", one per scalar, at the scalar's line.
  const yamlBlock = (value: string, first: number, env: string | undefined, headings: string[]) => {
    const counter = new LineCounter();
    const parsed = parseDocument(value, { lineCounter: counter, uniqueKeys: false });
    if (parsed.errors.length > 0) {
      doc.unparsed.push({ ...source(first), reason: `not valid YAML: ${parsed.errors[0]!.message.split('\n')[0]}` });
      return;
    }
    const context = lastParagraph === '' ? headings : [...headings, lastParagraph];
    // A key naming an environment ("Staging: ...") scopes what is below it.
    const emit = (node: YamlNode | null, key: string, scope: string | undefined) => {
      if (node === null) return;
      if (isScalar(node)) {
        const line = first + counter.linePos(node.range?.[0] ?? 0).line - 1;
        const text = key === '' || envOfWord(key) ? String(node.value) : `${key}: ${String(node.value)}`;
        doc.texts.push({ ...source(line), text, headings: context, ...(scope ? { env: scope } : {}) });
        seenLines.add(line);
      } else if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const k = isScalar(pair.key) ? String(pair.key.value) : '';
          const e = envOfWord(k);
          if (e) mention({ ...source(first + counter.linePos(pair.key && isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0).line - 1), env: e, word: k });
          emit(pair.value as YamlNode | null, k, e ?? scope);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) emit(item as YamlNode, '', scope);
      }
    };
    emit(parsed.contents as YamlNode | null, '', env);
  };

  for (const child of root.children) await visit(child);
  // Lines mdast gives no paragraph (e.g. inside list items it does) are covered by visit.
  return doc;
}
