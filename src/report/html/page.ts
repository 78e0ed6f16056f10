// The HTML report: one self-contained page built from the JSON report object (so both show
// the same facts), with the verdict and tables readable without JavaScript, the isolation
// picture laid out at write time, and a strict Content-Security-Policy: no network, only
// the page's own style and script (by hash).
import { createHash } from 'node:crypto';
import type { Evaluation } from '../../model/result.js';
import type { ReportContext } from '../context.js';
import { buildJsonReport } from '../json.js';
import { accessSection } from './access.js';
import { SCRIPT, STYLE } from './assets.js';
import { costSection } from './cost.js';
import { h, raw, render } from './dom.js';
import { findingsSection } from './findings.js';
import { incompleteSection } from './incomplete.js';
import { isolationSection } from './isolation.js';
import { paritySection } from './parity.js';
import { scorecardSection, verdictSection } from './summary.js';

const SECTIONS = [
  ['scorecards', 'Environments'],
  ['isolation', 'Isolation'],
  ['access', 'Access'],
  ['cost', 'Cost'],
  ['parity', 'Parity'],
  ['incomplete', 'Incomplete'],
  ['findings', 'Findings'],
] as const;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256(STYLE)}'`,
    `script-src 'sha256-${sha256(SCRIPT)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderHtml(evaluation: Evaluation, ctx: ReportContext): string {
  const report = buildJsonReport(evaluation, ctx);
  const body = h(
    'body',
    null,
    h('header', null, verdictSection(report), h('nav', null, SECTIONS.map(([id, label]) => h('a', { href: `#${id}` }, label)))),
    h('main', null, scorecardSection(report), isolationSection(report), accessSection(report), costSection(report), paritySection(report), incompleteSection(report), findingsSection(report)),
    h('script', null, raw(SCRIPT)),
  );
  const head = h(
    'head',
    null,
    h('meta', { charset: 'utf-8' }),
    h('meta', { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'generator', content: `envgate ${report.tool.version}` }),
    h('title', null, `envgate ${report.run.spec.system}: ${report.summary.verdict}`),
    h('style', null, raw(STYLE)),
  );
  return `<!doctype html>\n${render(h('html', { lang: 'en' }, head, body))}\n`;
}
