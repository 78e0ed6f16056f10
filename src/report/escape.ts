// Resource names and tag values come from the cloud and may hold Markdown, HTML or
// mentions. Everything interpolated into Markdown or Mermaid goes through here.

const MD_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '@': '&#64;', // no @mentions from resource names in PR comments
  '\\': '\\\\',
  '|': '\\|',
  '*': '\\*',
  _: '\\_',
  '`': '\\`',
  '[': '\\[',
  ']': '\\]',
  '~': '\\~',
  '#': '\\#',
  '!': '\\!',
  $: '\\$', // GitHub renders $...$ as math
};

/** Text safe inside a Markdown paragraph or table cell: one line, no markup, no HTML. */
export function md(text: string): string {
  return text
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '') // eslint-disable-line no-control-regex
    .replace(/[&<>"@\\|*_`[\]~#!$]/g, (c) => MD_ESCAPES[c]!);
}

/**
 * Rule text written by rule authors (remediation): `code spans` stay code spans, everything
 * else is escaped as md() does. A span's content is kept as written (escapes would show
 * literally inside it); an unpaired backtick is escaped.
 */
export function mdWithCode(text: string): string {
  const one = text.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
  let out = '';
  let last = 0;
  for (const m of one.matchAll(/`([^`]+)`/g)) {
    out += md(one.slice(last, m.index)) + '`' + m[1]!.replace(/[\u0000-\u001f\u007f]/g, '') + '`'; // eslint-disable-line no-control-regex
    last = m.index + m[0].length;
  }
  return out + md(one.slice(last));
}

/** Text inside a quoted Mermaid label. */
export function mermaidLabel(text: string): string {
  return text
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '') // eslint-disable-line no-control-regex
    .replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** An xychart category: xychart has no entities, so anything outside a safe set becomes '_'. */
export function mermaidCategory(text: string): string {
  return `"${text.replace(/[^A-Za-z0-9 ._+/-]/g, '_')}"`;
}
