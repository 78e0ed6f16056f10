// Reading a spec file: bytes -> text -> positions -> validation -> defaults. Every
// problem is reported at once as an InputError; nothing half-valid gets through.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Document } from 'yaml';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import type { LoadedSpec } from '../model/spec.js';
import { applyDefaults } from './defaults.js';
import { MESSAGES } from './messages.js';
import { jsonErrorOffset } from '../util/json-error.js';
import { parseSource } from './source.js';
import { validateSpecValue } from './validate.js';

export interface ParsedSpec {
  loaded: LoadedSpec;
  /** The yaml Document, comments included: `document.toString()` writes it back. */
  document: Document;
}

const one = (file: string, code: string, message: string, expected?: string): Diagnostic[] => [
  { file, line: 1, column: 1, path: '', code, message, ...(expected ? { expected } : {}) },
];

/** Decodes spec bytes, or the one diagnostic that says why they are not text. */
export function decodeSpecBytes(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) throw invalid(file, one(file, 'binary', MESSAGES.binary, 'a UTF-8 YAML or JSON file'));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid(file, one(file, 'binary', MESSAGES.binary, 'a UTF-8 YAML or JSON file'));
  }
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : (e.code ?? e.message);
    throw invalid(file, one(file, 'unreadable', MESSAGES.unreadable(reason), 'a readable spec file'));
  }
}

function invalid(file: string, diagnostics: Diagnostic[]): InputError {
  return new InputError(MESSAGES.invalidSpec(file, diagnostics.length), diagnostics);
}

/** Parses and validates spec text; throws InputError listing every problem. */
export function parseSpecWithDocument(text: string, file: string, sha256?: string): ParsedSpec {
  // A .json spec is JSON: the YAML reader would accept a trailing comma or a comment.
  if (/\.json$/i.test(file)) checkJsonSyntax(text, file);
  const source = parseSource(text, file);
  if (source.diagnostics.length > 0 && source.value === undefined) throw invalid(file, source.diagnostics);
  const contents = source.document.contents;
  if (contents === null || (source.value === null && contents.range?.[0] === contents.range?.[1])) {
    throw invalid(file, one(file, 'empty', MESSAGES.empty, 'a spec mapping with version, system and environments'));
  }
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    throw invalid(file, one(file, 'not-a-mapping', MESSAGES.notMapping(source.value), 'a mapping with version, system and environments'));
  }
  const index = { positions: source.positions, keyPositions: source.keyPositions };
  const diagnostics = [...source.diagnostics, ...validateSpecValue(source.value, file, index)];
  if (diagnostics.length > 0) {
    throw invalid(file, diagnostics.sort((a, b) => a.line - b.line || a.column - b.column));
  }
  return {
    loaded: {
      spec: applyDefaults(source.value),
      file,
      sha256: sha256 ?? createHash('sha256').update(text, 'utf8').digest('hex'),
      positions: source.positions,
    },
    document: source.document,
  };
}

/** Parses and validates spec text (YAML or JSON). */
export function parseSpec(text: string, file: string): LoadedSpec {
  return parseSpecWithDocument(text, file).loaded;
}

/** Reads, validates and completes a spec file; throws InputError listing every problem. */
export function loadSpec(file: string): LoadedSpec {
  return loadSpecWithDocument(file).loaded;
}

/** Like loadSpec, and keeps the yaml Document (comments included) for tools that rewrite specs. */
export function loadSpecWithDocument(file: string): ParsedSpec {
  const bytes = readBytes(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = decodeSpecBytes(bytes, file);
  return parseSpecWithDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file, sha256);
}

/**
 * Writes a spec Document back. Comments, key order, quoting, anchors and flow or block
 * style survive; spacing inside flow collections and comment indentation are normalised.
 */
export function stringifySpecDocument(document: Document): string {
  return document.toString({ lineWidth: 0 });
}

/** InputError `json-syntax` at the line and column where JSON text first goes wrong. */
function checkJsonSyntax(text: string, file: string): void {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return;
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[line - 1]!.length + 1;
  let detail = 'not valid JSON';
  try {
    JSON.parse(text);
  } catch (err) {
    detail = `not valid JSON: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/ in JSON at position \d+.*$/, '')}`;
  }
  throw invalid(file, [{ file, line, column, path: '', code: 'json-syntax', message: detail, expected: 'JSON (the file name ends in .json; YAML specs end in .yaml)' }]);
}
