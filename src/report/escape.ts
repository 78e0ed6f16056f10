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
 * SARIF plain text (`message.text`, SARIF 2.1.0 §3.11.6): `\`, `[` and `]` are escaped with
 * a backslash, so text from AWS never forms an embedded link such as `[x](javascript:...)`;
 * one line, no control characters.
 */
export function sarifText(text: string): string {
  return oneLine(text).replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** Text for a terminal: one line, without control characters (no escape sequences from AWS names). */
export function terminalText(text: string): string {
  return oneLine(text);
}

function oneLine(text: string): string {
  return text
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ''); // eslint-disable-line no-control-regex
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

/**
 * One CSV field (RFC 4180): on one line, and quoted (quotes doubled) when it holds a comma
 * or a quote. A text cell that a spreadsheet would read as a formula (first character
 * `= + - @`, tab or CR) gets a leading `'`, so a resource named `=HYPERLINK(...)` stays text.
 */
export function csvField(value: string | number | boolean | null | undefined, text = true): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (text) {
    s = s.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  }
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * XML 1.0 text or attribute value: markup escaped, characters XML cannot hold dropped; in
 * an attribute, tab and line breaks as character references (parsers would normalise them).
 */
export function xmlText(text: string, attribute = true): string {
  const s = text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
  return attribute ? s.replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`) : s.replace(/\r/g, '&#13;');
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text as a reader should see it: C0 controls (but tab and line breaks), C1 controls and
 * bidirectional overrides removed, so a resource name cannot reorder what is displayed.
 */
export function visibleText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ''); // eslint-disable-line no-control-regex
}

/** Text safe in HTML element content and quoted attribute values: visible, with XML's escapes (HTML5 reads &apos; too). */
export function htmlText(text: string): string {
  return xmlText(visibleText(text), false);
}
