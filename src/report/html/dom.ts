// A tiny HTML builder: every string child and attribute value is escaped (htmlText), so
// text from AWS can only ever be text. Markup is built only through h() or raw().
import { htmlText } from '../escape.js';

export interface Raw {
  readonly html: string;
}
export type Child = string | number | Raw | null | undefined | false | readonly Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Trusted markup: only for fixed strings written in this module folder. */
export function raw(html: string): Raw {
  return { html };
}

const VOID = new Set(['meta', 'input', 'br', 'col']);

export function h(tag: string, attrs: Attrs | null, ...children: Child[]): Raw {
  let open = `<${tag}`;
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    open += v === true ? ` ${k}` : ` ${k}="${htmlText(String(v))}"`;
  }
  if (VOID.has(tag)) return raw(`${open}>`);
  return raw(`${open}>${render(children)}</${tag}>`);
}

export function render(c: Child): string {
  if (c === null || c === undefined || c === false) return '';
  if (typeof c === 'string') return htmlText(c);
  if (typeof c === 'number') return String(c);
  if (Array.isArray(c)) return (c as readonly Child[]).map(render).join('');
  return (c as Raw).html;
}

export function usd(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : `$${n.toFixed(2)}`;
}
