// The shapes every part of `envgate draft` shares: what a document parses into, and the
// facts recognisers read from it. A fact is one spec value with the line it came from.

export type Scalar = string | number | boolean;
export type Value = Scalar | { [key: string]: unknown };

/** Where a value came from: document name, 1-based line, the line's text. */
export interface Source {
  doc: string;
  line: number;
  text: string;
}

/** A line of prose, a list item, a table cell or a YAML scalar, with its context. */
export interface TextLine extends Source {
  /** Environment the line is about (a leading "Staging:", its heading, its block), if any. */
  env?: string;
  headings: string[];
}

export interface TableRow {
  line: number;
  text: string;
  cells: string[];
}

export interface Table {
  doc: string;
  line: number;
  headings: string[];
  env?: string;
  header: string[];
  rows: TableRow[];
}

/** One attribute of an HCL block (nested ones too), with its source line. */
export interface HclAttr extends Source {
  key: string;
  value: unknown;
  env?: string;
  /** The comment heading the block segment, e.g. "Staging Network". */
  segment: string;
  /** The attribute's trailing comment, e.g. "Same as production". */
  comment: string;
}

export interface JsonBlock extends Source {
  value: unknown;
  env?: string;
  headings: string[];
}

export interface ParsedDoc {
  name: string;
  title: string;
  titleLine: number;
  envs: EnvMention[];
  texts: TextLine[];
  tables: Table[];
  hcl: HclAttr[];
  json: JsonBlock[];
  /** Code blocks that did not parse as what their fence says, with the parser's message. */
  unparsed: (Source & { reason: string })[];
}

/** A place where the document names an environment, and the word it used. */
export interface EnvMention extends Source {
  env: string;
  word: string;
}

/**
 * One spec value. scope is an environment name, '*' (every environment: the document
 * said it without naming one) or '' (top level). path is '/'-separated below the scope.
 */
export interface Fact {
  scope: string;
  path: string;
  value: Value;
  source: Source;
  /** The field is a list: facts add items; otherwise two values are an ambiguity. */
  list?: boolean;
  /** For list items that are objects: items with the same key must agree. */
  key?: string;
  /** Set when the value is a stand-in the schema needs and the document does not give. */
  placeholder?: string;
}

/** Something that reads like a requirement but maps to no spec field. */
export interface Unmapped extends Source {
  reason: string;
}

export interface Ambiguity {
  scope: string;
  path: string;
  message: string;
  sources: Source[];
}

export interface RecogniserOutput {
  facts: Fact[];
  unmapped?: Unmapped[];
  ambiguities?: Ambiguity[];
}

export interface Recogniser {
  /** Name used in the README table and in tests. */
  kind: string;
  recognise(docs: readonly ParsedDoc[], envs: readonly string[]): RecogniserOutput;
}
