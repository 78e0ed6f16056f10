// The HTML report as a registered format (src/report/registry.ts).
import type { Formatter } from '../formatter.js';
import { renderHtml } from './page.js';

export { renderHtml } from './page.js';

export const htmlFormatter: Formatter = {
  name: 'html',
  aliases: [],
  fileName: 'envgate.html',
  mediaType: 'text/html',
  summary: 'one self-contained page for people: scorecards, isolation picture, access grid, cost, parity, filterable findings',
  byDefault: false,
  write: (evaluation, ctx, sink) => sink.write(renderHtml(evaluation, ctx)),
};
