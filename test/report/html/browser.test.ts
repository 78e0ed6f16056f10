// The HTML report in headless Chromium: every fixture's report opens with no console error
// or network request, its filters and search show exactly the rows they should, it shows
// the same facts as the JSON report, and it looks like the reviewed screenshot.
// Needs chromium (.ci/ensure-chromium.sh); fails with CHROMIUM_MISSING without it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../../reports/regenerate.js';
import { launchChromium, openHtml, VIEWPORT } from '../../helpers/browser.js';
import { manyFindings } from '../../../bench/html-findings.js';
import { renderHtml } from '../../../src/report/html/index.js';
import { fixtureReports } from './fixture-html.js';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
/** Anti-aliasing and font rasteriser versions move a few pixels; layout changes move thousands. */
const MAX_DIFF_RATIO = 0.005;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function shown(page: Page): Promise<string> {
  return (await page.locator('#shown').textContent()) ?? '';
}

async function visibleRows(page: Page): Promise<number> {
  return page.locator('#findings-table tbody tr').count();
}

async function choose(page: Page, filter: string, value: string): Promise<void> {
  await page.selectOption(`#f-${filter}`, value);
}

describe('HTML report in Chromium', () => {
  for (const system of SYSTEMS) {
    it(`${system}: opens with no console error and no network request`, async () => {
      const { html } = await fixtureReports(system);
      const opened = await openHtml(browser, html);
      try {
        expect(await opened.page.locator('#filters').isVisible()).toBe(true);
        expect(opened.problems).toEqual([]);
      } finally {
        await opened.close();
      }
    });
  }

  it('mht-api: each filter and the search show exactly the matching findings', async () => {
    const { html } = await fixtureReports('mht-api');
    const { page, problems, close } = await openHtml(browser, html);
    try {
      expect(await shown(page)).toBe('23 of 23 findings');
      await choose(page, 'severity', 'critical');
      expect(await shown(page)).toBe('1 of 23 findings');
      await choose(page, 'severity', 'medium');
      expect(await shown(page)).toBe('14 of 23 findings');
      expect(await visibleRows(page)).toBe(14);
      await choose(page, 'severity', 'high');
      await choose(page, 'environment', 'production');
      expect(await shown(page)).toBe('4 of 23 findings');
      await choose(page, 'severity', '');
      expect(await shown(page)).toBe('8 of 23 findings');
      await choose(page, 'environment', '(unattributed)');
      expect(await shown(page)).toBe('3 of 23 findings');
      await choose(page, 'environment', '');
      await choose(page, 'category', 'isolation');
      expect(await shown(page)).toBe('3 of 23 findings');
      await choose(page, 'category', '');
      await choose(page, 'rule', 'log-retention');
      expect(await shown(page)).toBe('2 of 23 findings');
      expect(await page.locator('#findings-table tbody tr td:nth-child(3)').allTextContents()).toEqual(['log-retention', 'log-retention']);
      await choose(page, 'rule', '');
      // Text search covers every column, the evidence included, case-insensitively.
      await page.fill('#q', 'HotfixProductionUploads');
      expect(await shown(page)).toBe('2 of 23 findings');
      await page.fill('#q', 'no such text anywhere');
      expect(await shown(page)).toBe('0 of 23 findings');
      expect(await visibleRows(page)).toBe(0);
      await page.fill('#q', '');
      expect(await shown(page)).toBe('23 of 23 findings');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the other fixtures: severity filters count what the JSON report says (written out here)', async () => {
    const expected: Record<string, { total: number; critical: number; high: number; medium: number }> = {
      '3mtt-chatbot': { total: 38, critical: 2, high: 19, medium: 14 },
      'ai-sdlc': { total: 23, critical: 3, high: 10, medium: 9 },
      monepiceriz: { total: 20, critical: 2, high: 9, medium: 3 },
    };
    for (const [system, want] of Object.entries(expected)) {
      const { page, close } = await openHtml(browser, (await fixtureReports(system)).html);
      try {
        expect(await shown(page)).toBe(`${want.total} of ${want.total} findings`);
        for (const sev of ['high', 'medium'] as const) {
          await choose(page, 'severity', sev);
          expect(await shown(page), `${system} ${sev}`).toBe(`${want[sev]} of ${want.total} findings`);
        }
        // A severity with no finding is not offered.
        expect(await page.locator('#f-severity option[value="critical"]').count()).toBe(want.critical > 0 ? 1 : 0);
      } finally {
        await close();
      }
    }
  });

  it('mht-api: the rows the script builds are the rows written for reading without it', async () => {
    const { page, close } = await openHtml(browser, (await fixtureReports('mht-api')).html);
    const cells = () =>
      page.locator('#findings-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.id, tr.className, ...Array.from(tr.querySelectorAll('td')).slice(0, 8).map((td) => td.textContent)]));
    try {
      const written = await cells();
      expect(written).toHaveLength(23);
      await page.fill('#q', 'x');
      await page.fill('#q', '');
      expect(await cells()).toEqual(written);
      await page.locator('#findings-table tbody tr').first().locator('summary').click();
      expect(await page.locator('#findings-table tbody tr').first().locator('pre').textContent()).toContain('"links"');
    } finally {
      await close();
    }
  });

  it('without JavaScript: verdict, tables and the written rows are there, the controls are not', async () => {
    const { html } = await fixtureReports('mht-api');
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      await page.setContent(html);
      expect(await page.locator('#verdict h1').textContent()).toBe('envgate mht-api: fail');
      expect(await page.locator('#findings-table tbody tr').count()).toBe(23);
      expect(await page.locator('.matrix td.over').count()).toBe(1);
      expect(await page.locator('svg.isolation .res').count()).toBe(6);
      expect(await page.locator('#filters').isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('10,000 findings: opens, filters, searches, pages and follows links (functional bound 60 s; timing in bench/html.ts)', async () => {
    const { evaluation, ctx } = await manyFindings(10_000);
    const started = Date.now();
    const { page, problems, close } = await openHtml(browser, renderHtml(evaluation, ctx));
    try {
      expect(await shown(page)).toBe('10000 of 10000 findings');
      expect(await visibleRows(page)).toBe(200);
      // mht-api's 23 findings, 434 times each and the first 18 once more: 6 of them high
      // (all among the first 18), 1 about production-alerts (also among them).
      await choose(page, 'severity', 'high');
      expect(await shown(page)).toBe('2610 of 10000 findings');
      expect(await visibleRows(page)).toBe(200);
      await page.click('#more');
      expect(await visibleRows(page)).toBe(400);
      await page.fill('#q', 'production-alerts');
      expect(await shown(page)).toBe('435 of 10000 findings');
      expect(Date.now() - started).toBeLessThan(60_000);
      // A link from the isolation table to a finding not listed finds it.
      const link = page.locator('table.links a').last();
      const target = (await link.getAttribute('href'))!.slice(1);
      await choose(page, 'severity', 'medium');
      expect(await page.locator(`[id="${target}"]`).count()).toBe(0);
      await link.click();
      expect(await shown(page)).toBe('1 of 10000 findings');
      expect(await page.locator(`[id="${target}"]`).count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const system of SYSTEMS) {
    it(`${system}: shows the same facts as the JSON report`, async () => {
      const { html, json } = await fixtureReports(system);
      const { page, close } = await openHtml(browser, html);
      try {
        const dom = await page.evaluate(() => {
          const all = (sel: string) => Array.from(document.querySelectorAll<HTMLElement>(sel));
          return {
            verdict: document.querySelector('#verdict')?.getAttribute('data-verdict'),
            findings: all('#findings-table tbody tr').map((tr) => [tr.dataset.fingerprint, tr.dataset.status, tr.dataset.rule, tr.dataset.severity, tr.dataset.category]),
            cards: all('.card').map((c) => [c.dataset.environment, ...['fail', 'pass', 'notEvaluated', 'waived'].map((k) => Number(c.querySelector(`[data-count="${k}"]`)?.textContent))]),
            cells: all('.matrix td[data-team]').map((td) => [td.dataset.team, td.dataset.environment, td.dataset.declared, td.dataset.effective, td.classList.contains('over')]),
            costs: all('.cost tbody tr').map((tr) => [tr.dataset.environment, ...['ceilingUsd', 'estimateUsd', 'actualUsd'].map((k) => tr.querySelector(`[data-field="${k}"]`)?.textContent)]),
            parity: all('.parity tbody tr').length,
          };
        });
        expect(dom.verdict).toBe(json.summary.verdict);
        const listed = json.results.filter((r) => r.status !== 'pass');
        expect(dom.findings).toEqual(listed.map((r) => [r.fingerprint, r.status === 'fail' && r.waived ? 'waived' : r.status, r.ruleId, r.severity, r.category]));
        expect(dom.cards).toEqual(json.summary.environments.map((e) => [e.environment ?? '(unattributed)', e.totals.fail, e.totals.pass, e.totals.notEvaluated, e.totals.waived]));
        expect(dom.cells).toEqual(json.accessMatrix.map((c) => [c.team, c.environment, c.declared, c.effective, c.violation]));
        const money = (v: number | null) => (v === null ? '–' : `$${v.toFixed(2)}`);
        expect(dom.costs).toEqual(
          json.costs.map((c) => [c.environment, money(c.ceilingUsd), `${c.estimateComplete === false && c.estimateUsd !== null ? '≥ ' : ''}${money(c.estimateUsd)}`, money(c.actualUsd)]),
        );
        expect(dom.parity).toBe(json.results.filter((r) => r.category === 'parity').length);
      } finally {
        await close();
      }
    });
  }

  for (const system of SYSTEMS) {
    it(`${system}: looks like the reviewed screenshot (UPDATE_SCREENSHOTS=1 rewrites it)`, async () => {
      const { page, close } = await openHtml(browser, (await fixtureReports(system)).html);
      try {
        const png = await page.screenshot({ fullPage: false, animations: 'disabled', caret: 'hide' });
        const file = `${SHOTS}${system}.png`;
        if (process.env.UPDATE_SCREENSHOTS === '1') {
          mkdirSync(SHOTS, { recursive: true });
          writeFileSync(file, png);
        }
        expect(existsSync(file), `${file} missing: run with UPDATE_SCREENSHOTS=1, review and commit it`).toBe(true);
        const want = PNG.sync.read(readFileSync(file));
        const got = PNG.sync.read(png);
        expect([got.width, got.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
        expect([want.width, want.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
        const diff = pixelmatch(want.data, got.data, undefined, got.width, got.height, { threshold: 0.1 });
        expect(diff / (got.width * got.height), `${diff} pixels differ from ${file}`).toBeLessThanOrEqual(MAX_DIFF_RATIO);
      } finally {
        await close();
      }
    });
  }
});
