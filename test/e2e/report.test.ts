// The visual report in a real browser: the pipeline runs on a generated video, Task.reportUrl is
// opened in Debian's headless Chromium (playwright-core drives it) with every request that would
// leave localhost aborted and counted, and a screenshot is taken.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, TaskReportUrlDocument, TaskUpdatedDocument } from '../generated/graphql.js';
import { OfflineAnalyzer } from '../../src/analysis/offline.js';
import type { AnalyzeInput, CreativeAnalysis, CreativeAnalyzer } from '../../src/analysis/ports.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** REPORT_SCREENSHOT=path names where the page's screenshot goes. */
const SCREENSHOT = process.env.REPORT_SCREENSHOT ?? path.join(os.tmpdir(), 'klike-report.png');

/**
 * The offline analysis plus one finding with a box, standing in for the perception step (issue 18)
 * that adds boxes to evidence: the report draws whatever boxes an issue carries.
 */
class OfflineWithEyes implements CreativeAnalyzer {
  readonly name = 'offline';
  async analyze(input: AnalyzeInput): Promise<CreativeAnalysis> {
    const a = await new OfflineAnalyzer().analyze(input);
    a.issues.push({
      code: 'SAFE_ZONE_TEXT', severity: 'HIGH', penalty: 10, title: 'Text inside TikTok’s unsafe zone',
      detail: 'The caption sits where TikTok’s buttons and description cover it.', atSeconds: 2, platforms: ['TIKTOK'],
      evidence: '“SALE 50% OFF” at y 250–310 of 360',
      // Pixels of the 640×360 display frame.
      boxes: [{ x: 40, y: 250, width: 300, height: 60, text: 'SALE 50% OFF' }],
    } as CreativeAnalysis['issues'][number]);
    return a;
  }
}

let t: TestApp;
let browser: Browser;
let taskId: string;
let reportUrl: string;

beforeAll(async () => {
  t = await startTestApp({ engines: { analyzer: new OfflineWithEyes() } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, chromiumSandbox: false });
  const file = await makeVideo({ seconds: 6, width: 640, height: 360, audio: 'speech', speechVoice: 'en-us+klatt', speechText: 'Buy now and save twenty percent on every order', cutsAt: [1.5, 3, 4.5] });
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'spring.mp4', contentType: 'video/mp4', sizeBytes: size, title: 'Spring sale — 6 s cut' } });
  expect((await uploadTo(up, file)).status).toBe(200);
  const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id, analysis: { platforms: ['TIKTOK', 'YOUTUBE'] } } });
  taskId = c.task.id;
  await collect(t.ws(), TaskUpdatedDocument, { taskId });
  const { task } = await t.ok(TaskReportUrlDocument, { id: taskId });
  expect(task?.status).toBe('COMPLETED');
  reportUrl = task!.reportUrl!;
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('Task.reportUrl', () => {
  it('opens in headless Chromium with no outside request, showing the score, the loudness chart and an evidence still with its box', async () => {
    const context = await browser.newContext({ viewport: { width: 1180, height: 900 }, deviceScaleFactor: 1 });
    const outside: string[] = [];
    const local: string[] = [];
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) {
        local.push(u.pathname);
        return route.continue();
      }
      outside.push(u.href);
      return route.abort();
    });
    const page = await context.newPage();
    const response = await page.goto(reportUrl, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");

    const { task } = await t.ok(GetTaskDocument, { id: taskId });
    const score = page.getByTestId('score');
    await expect.poll(() => score.isVisible()).toBe(true);
    expect((await score.textContent())?.trim()).toBe(String(task!.result!.score));
    expect(await page.getByTestId('loudness-chart').isVisible()).toBe(true);
    expect(await page.locator('[data-testid=loudness-chart] path.lufs').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=metric]').count()).toBe(9);

    const still = page.getByTestId('evidence-still').first();
    await still.scrollIntoViewIfNeeded();
    expect(await still.isVisible()).toBe(true);
    // Loaded, not a broken image: the JPEG came from the signed local storage URL.
    expect(await still.evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth > 0; })).toBe(true);
    const box = page.locator('[data-testid=evidence-boxes] rect').first();
    expect(await box.isVisible()).toBe(true);
    expect(Number(await box.getAttribute('x'))).toBeCloseTo(40 / 640, 3);

    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await fs.stat(SCREENSHOT)).size).toBeGreaterThan(10_000);
    expect(outside).toEqual([]);
    expect(local.some((p) => p.startsWith('/storage/object/'))).toBe(true);
    await context.close();
  });

  it('refuses edited or expired links, and prints to PDF with Chromium', async () => {
    const edited = new URL(reportUrl);
    edited.searchParams.set('exp', String(Number(edited.searchParams.get('exp')) + 60));
    expect((await fetch(edited)).status).toBe(403);
    const stale = new URL(reportUrl);
    stale.searchParams.set('sig', 'A'.repeat(43));
    expect((await fetch(stale)).status).toBe(403);
    const other = new URL(reportUrl);
    other.pathname = '/reports/00000000-0000-4000-8000-000000000000';
    expect((await fetch(other)).status).toBe(403);

    const html = await (await fetch(reportUrl)).text();
    // Self-contained: no script, no stylesheet or font link; the page offers its PDF.
    expect(html).not.toMatch(/<script|<link|@import|@font-face|url\(http/i);
    expect(html).toContain('format=pdf');

    const pdf = await fetch(`${reportUrl}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
    // REPORT_PDF=path keeps the PDF for a person to look at.
    if (process.env.REPORT_PDF) await fs.writeFile(process.env.REPORT_PDF, bytes);
  });
});
