import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { InputError } from '../../model/diagnostics.js';
import { compare, draftLeaves } from '../../draft/compare.js';
import { draftSpec, type DraftInput } from '../../draft/draft.js';
import { loadSpec } from '../../spec/load.js';
import { defineCommand, type GlobalArgs } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { writeFileAtomic } from '../fs-atomic.js';

function readDoc(file: string): DraftInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable');
    throw new InputError(`${file}: cannot read the document: ${reason}`, [{ file, line: 1, column: 1, path: '', code: 'unreadable', message: `cannot read the document: ${reason}` }]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: not UTF-8 text`, [{ file, line: 1, column: 1, path: '', code: 'not-utf8', message: 'the document is not UTF-8 text' }]);
  }
  return { name: file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

// Drafts a spec from architecture documents, or (--check) reports drift between them and a spec.
export const draftCommand = defineCommand({
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('docs', { type: 'string', array: true, demandOption: true, describe: 'Architecture documents (Markdown)' })
      .option('out', { type: 'string', default: '-', describe: 'Where to write the drafted spec (- for stdout)' })
      .option('check', { type: 'boolean', default: false, describe: 'Compare the documents with --spec instead of writing a draft; exit 1 on drift' })
      .option('spec', { type: 'string', describe: 'The spec to check against (with --check)' })
      .example('$0 draft docs/architecture.md --out envgate.yaml', 'draft a spec from a document, every value citing its line')
      .example('$0 draft --check docs/architecture.md --spec envgate.yaml', 'exit 1 when the document and the spec have drifted apart'),
  run: async (args, ctx) => {
    if (args.check !== (args.spec !== undefined)) {
      ctx.out.error(args.check ? 'envgate draft: --check needs --spec FILE' : 'envgate draft: --spec is only read with --check');
      return EXIT.input;
    }
    const inputs = args.docs.map(String).map(readDoc);
    const draft = await draftSpec(inputs);
    for (const a of draft.ambiguities) {
      ctx.out.warn(`ambiguous: ${a.scope === '' ? '' : `${a.scope}: `}${a.message} (${a.sources.map((s) => `${s.doc}:${s.line}`).join(', ')})`);
    }
    if (!args.check) {
      if (args.out === '-') ctx.out.result(draft.yaml.trimEnd());
      else writeFileAtomic(args.out, draft.yaml);
      ctx.out.info(`drafted ${draftLeaves(draft.tree).filter((l) => !l.placeholder).length} values, ${draft.ambiguities.length} ambiguities, ${draft.unmapped.length} lines not mapped`);
      return EXIT.ok;
    }
    const specFile = String(args.spec);
    const spec = loadSpec(specFile);
    const raw = (await import('yaml')).parse(readFileSync(specFile, 'utf8')) as unknown;
    const where = (pointer: string) => `${specFile}:${spec.positions[pointer]?.line ?? 1}`;
    const result = compare(draftLeaves(draft.tree), raw);
    for (const m of result.missing) {
      const doc = m.draft.cite ?? '(no citation)';
      if (m.spec) ctx.out.result(`contradicts: ${doc} gives ${m.draft.key}; ${where(m.spec.pointer)} has ${m.spec.key}`);
      else ctx.out.result(`not in spec: ${doc} gives ${m.draft.key}`);
    }
    const contradicted = new Set(result.missing.flatMap((m) => (m.spec ? [m.spec.key] : [])));
    for (const u of result.unsourced) {
      if (!contradicted.has(u.key)) ctx.out.result(`not in document: ${where(u.pointer)} has ${u.key}; ${inputs.map((i) => i.name).join(', ')} gives no source`);
    }
    const drift = result.missing.length + result.unsourced.filter((u) => !contradicted.has(u.key)).length;
    ctx.out.info(`${result.matched.length} spec values match the document; ${drift} drift`);
    return drift > 0 ? EXIT.findings : EXIT.ok;
  },
});
