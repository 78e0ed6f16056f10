// The comment every drafted value carries: DOC:LINE and the line's text.
import type { Source } from './types.js';

const MAX = 110;

export function cite(s: Source): string {
  const text = s.text.replace(/\s+/g, ' ').trim();
  const short = text.length > MAX ? `${text.slice(0, MAX - 3)}...` : text;
  return `${s.doc}:${s.line} ${JSON.stringify(short)}`;
}
