/**
 * The HTML report in a real browser: a headless Chromium, Chrome or Edge (findBrowser(): CCDOCTOR_TEST_BROWSER,
 * then the usual install paths, then PATH; .ci/run installs Debian's chromium when none is found) opens
 * generated reports via file://. Screenshots and a PDF go to test/artifacts/ (gitignored). The 'browser'
 * tier: skipped without a browser, a failure when CCDOCTOR_REQUIRE_TIERS asks for it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { RULES } from '../helpers/catalogue.js';
import { checkSnapshot } from '../helpers/check.js';
import { buildReport, renderReport, type ReportModel } from '../../src/core/report/index.js';
import { echoRule, hostileSnapshot, writeTempSnapshot } from './fixtures.js';
import { describeTier } from '../tiers/tier.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const NOW = new Date('2026-11-21T00:00:00Z');

let context: BrowserContext;
let profile: string;

interface Opened {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

async function open(model: ReportModel, name: string): Promise<Opened> {
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, renderReport(model, 'html'));
  const page = await context.newPage();
  const opened: Opened = { page, consoleErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') opened.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => opened.consoleErrors.push(e.message));
  page.on('dialog', (d) => { opened.dialogs.push(d.message()); void d.dismiss(); });
  const url = pathToFileURL(file).href;
  page.on('request', (r) => { if (r.url() !== url) opened.requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

const report = async (snapshot: string) =>
  buildReport(await checkSnapshot(join(ROOT, 'snapshots', snapshot), { shown: `snapshots/${snapshot}` }), { toolVersion: '0.1.0', now: NOW });

describeTier('browser', 'HTML report in Chromium', (tier) => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'ccdoctor-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: tier.tool,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders the demo report: header, counts, sections; no console errors, no requests', async () => {
    const model = await report('demo.json');
    const { page, consoleErrors, requests, dialogs } = await open(model, 'report-demo');
    expect(await page.title()).toBe('ccdoctor report: CCE-DEMO-01');
    expect(await page.locator('h1').innerText()).toBe('ccdoctor report: CCE-DEMO-01');
    expect(await page.locator('.meta').innerText()).toContain('2.1.0.372');
    for (const sev of ['critical', 'error', 'warning', 'info'] as const) {
      expect(await page.locator(`[data-count="${sev}"]`).innerText()).toBe(String(model.summary.failBySeverity[sev]));
    }
    expect(await page.locator('[data-count="pass"]').innerText()).toBe(String(model.summary.pass));
    expect(await page.locator('[data-count="unknown"]').innerText()).toBe(String(model.summary.unknown));
    for (const id of ['summary', 'findings', 'passed', 'not-applicable', 'facts']) expect(await page.locator(`section#${id}`).count(), id).toBe(1);
    expect(await page.locator('article.finding').count()).toBe(model.summary.fail);
    expect(await page.locator('#rule-dotnet-too-old .badge').innerText()).toMatch(/critical/i);
    expect(await page.locator('#rule-module-analysis-cache-stale pre.command').innerText()).toContain("Remove-Item -LiteralPath 'C:\\Users\\cceadmin\\");
    expect(await page.locator('script').count()).toBe(0);
    expect({ consoleErrors, requests, dialogs }).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'report-demo.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'report-demo-print.png'), fullPage: true });
    const pdf = await page.pdf({ path: join(ARTIFACTS, 'report-demo.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  }, 60_000);

  it('an incomplete run says so before the summary', async () => {
    const model = await report('partial-2.1.json');
    const { page, consoleErrors, requests } = await open(model, 'report-partial');
    const notice = page.locator('.notice.warn').first();
    expect(await notice.innerText()).toMatch(/^Incomplete: \d+ of \d+ rules could not be checked/);
    const [noticeY, summaryY] = await Promise.all([notice.boundingBox(), page.locator('#summary').boundingBox()]);
    expect(noticeY!.y).toBeLessThan(summaryY!.y);
    expect(await page.locator('section#unknown tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('section#gaps').innerText()).toContain('Access is denied: run as Administrator');
    await page.screenshot({ path: join(ARTIFACTS, 'report-partial.png'), fullPage: true });
    expect({ consoleErrors, requests }).toEqual({ consoleErrors: [], requests: [] });
    await page.close();
  }, 60_000);

  it('hostile host text stays text: no script runs, no element is injected', async () => {
    const snap = hostileSnapshot();
    snap.host.name = 'EVIL"01\' <script>alert(1)</script><img src=x onerror=alert(2)>';
    const run = await checkSnapshot(writeTempSnapshot(snap), { rules: [...RULES, echoRule] });
    const model = buildReport(run, { now: NOW });
    const { page, consoleErrors, requests, dialogs } = await open(model, 'report-hostile');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('h1').innerText()).toBe('ccdoctor report: EVIL"01\' <script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(await page.locator('#rule-test-echo-log').innerText()).toContain('<script>alert("pwned")</script>');
    expect({ consoleErrors, requests, dialogs }).toEqual({ consoleErrors: [], requests: [], dialogs: [] });

    // The JUnit XML of the same run is well-formed for a real XML parser.
    const xml = renderReport(model, 'junit');
    writeFileSync(join(ARTIFACTS, 'report-hostile.xml'), xml);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const err = doc.querySelector('parsererror');
      return { error: err?.textContent ?? null, cases: doc.querySelectorAll('testcase').length, failure: doc.querySelector('testcase[name^="test-echo-log"] failure')?.textContent ?? '' };
    }, xml);
    expect(parsed.error).toBeNull();
    expect(parsed.cases).toBe(model.results.length);
    expect(parsed.failure).toContain(']]> </failure>');
    await page.close();
  }, 60_000);
});
