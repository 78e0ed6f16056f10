// `node --import tsx bench/html.ts [--findings 10000] [--runs 5]`: how long a report with
// many findings takes to write, to open in headless Chromium and to filter and search.
// Needs chromium (.ci/ensure-chromium.sh). Prints medians; the target is under 2 s each.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { renderHtml } from '../src/report/html/index.js';
import { launchChromium, openHtml } from '../test/helpers/browser.js';
import { manyFindings } from './html-findings.js';

const { values } = parseArgs({ options: { findings: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const n = Number(values.findings);
const runs = Number(values.runs);
const TARGET_MS = 2000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { evaluation, ctx } = await manyFindings(n);
  const render: number[] = [];
  let html = '';
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    html = renderHtml(evaluation, ctx);
    render.push(performance.now() - t);
  }
  const browser = await launchChromium();
  const open: number[] = [];
  const opened: number[] = [];
  const busy: number[] = [];
  const filter: number[] = [];
  const search: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      let cdp: CDPSession | undefined;
      const page = await openHtml(browser, html, async (p) => {
        cdp = await p.context().newCDPSession(p);
        await cdp.send('Performance.enable');
      });
      await page.page.locator('#filters').waitFor({ state: 'visible' });
      opened.push(performance.now() - t);
      // From the page's own navigation start: parse, the script's first page of rows, paint.
      open.push(await page.page.evaluate(() => performance.now()));
      // The renderer's main-thread busy time: the work itself, without the wait for a core.
      const metrics = (await cdp!.send('Performance.getMetrics')).metrics;
      busy.push(1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN));
      const shown = page.page.locator('#shown');
      t = performance.now();
      await page.page.selectOption('#f-severity', 'high');
      await page.page.waitForFunction(() => !document.querySelector('#shown')!.textContent!.startsWith(`${document.querySelectorAll('#findings-table tbody tr').length} of`));
      filter.push(performance.now() - t);
      const afterFilter = await shown.textContent();
      t = performance.now();
      await page.page.fill('#q', 'production-alerts');
      await page.page.waitForFunction((before) => document.querySelector('#shown')!.textContent !== before, afterFilter);
      search.push(performance.now() - t);
      if (i === 0) console.log(`filter severity=high: ${afterFilter}; then search "production-alerts": ${await shown.textContent()}`);
      if (page.problems.length > 0) throw new Error(`page problems: ${page.problems.join('; ')}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const rows: [string, number[]][] = [
    ['write the report (renderHtml, Node)', render],
    ['open: navigation start until the filters show (page clock)', open],
    ['open: renderer main-thread busy time until then (CDP TaskDuration)', busy],
    ['open, as the test harness sees it (new tab, file written, load)', opened],
    ['filter by severity', filter],
    ['text search (first search indexes the rows)', search],
  ];
  console.log(`HTML report with ${n} findings: ${(html.length / 1024 / 1024).toFixed(1)} MiB, ${runs} runs, medians`);
  console.log('| step | median | target | verdict |\n|---|---:|---:|---|');
  let missed = false;
  for (const [step, xs] of rows) {
    const m = median(xs);
    const browserStep = step !== rows[0]![0] && !step.startsWith('open, as');
    if (browserStep && m > TARGET_MS) missed = true;
    console.log(`| ${step} | ${(m / 1000).toFixed(3)} s | ${browserStep ? '< 2 s' : ''} | ${browserStep ? (m <= TARGET_MS ? 'met' : 'missed') : ''} |`);
  }
  process.exitCode = missed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(`bench/html.ts: ${(err as Error).message}`);
  process.exitCode = 2;
});
