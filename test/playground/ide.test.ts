// The browser IDE in a real headless Chromium: it must load and work with no request leaving the
// machine (every request to another host is aborted and counted), fetch the schema, send the
// headers typed in it over HTTP and as graphql-ws connectionParams, and show a running task's events.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo, scratchPath } from '../helpers/media.js';
import { GatedTranscriber } from '../helpers/gated-transcriber.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument } from '../generated/graphql.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const QUERY = '.graphiql-query-editor .monaco-editor';
const HEADERS = '.monaco-editor[data-uri$="headers.json"]';
const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Replaces the text of the Monaco editor `editor` (insertText skips auto-closing brackets). */
async function setEditor(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(editor).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  // The IDE takes an edit into its state after a debounce, then saves it: until it is saved, a click on
  // Run (on a busy machine) would run the previous document.
  // Headers are not saved (GraphiQL keeps them in memory only), but they are typed before the query
  // and share its debounce, so the saved query vouches for both.
  if (editor !== QUERY) return;
  await expect.poll(() => page.evaluate((t) => Object.entries(localStorage).some(([k, v]) => k.endsWith(':query') && v === t), text), { timeout: 15_000 }).toBe(true);
}

describe('offline IDE at /graphql', () => {
  const transcriber = new GatedTranscriber();
  let t: TestApp;
  let browser: Browser;
  const outside: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ engines: { transcriber }, env: { GRAPHQL_PLAYGROUND: 'true' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    transcriber.release();
    await browser?.close();
    await t?.stop();
  });

  it('loads with no outside request, runs a query with a typed Authorization header and streams a running task', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every request (page, scripts, workers, fonts) passes here; anything not for this machine is aborted.
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (LOCAL.has(host)) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (/^(https?|wss?):$/.test(u.protocol) && !LOCAL.has(u.hostname) && !outside.includes(r.url())) outside.push(r.url());
    });
    const page = await context.newPage();
    const sent: string[] = [];
    const received: string[] = [];
    page.on('websocket', (ws) => {
      if (!LOCAL.has(new URL(ws.url()).hostname)) outside.push(ws.url());
      ws.on('framesent', (f) => sent.push(String(f.payload)));
      ws.on('framereceived', (f) => received.push(String(f.payload)));
    });

    const schemaFetched = page.waitForResponse((r) => r.url() === t.url && (r.request().postData() ?? '').includes('__schema'));
    const res = await page.goto(t.url);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Klike GraphQL IDE');
    const schema = await (await schemaFetched).json();
    expect(schema.data.__schema.queryType.name).toBe('Query');

    // The example operations are pre-filled.
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await expect.poll(async () => (await editor.innerText()).replace(/\s+/g, ' '), { timeout: 30_000 }).toContain('mutation SignUp');

    const shot = process.env.KLIKE_IDE_SCREENSHOT ?? scratchPath('ide.png');
    await page.screenshot({ path: shot.replace(/\.png$/, '-start.png') });

    // A query with the Authorization header typed into the Headers tab.
    await page.getByRole('button', { name: 'Headers' }).click();
    await setEditor(page, HEADERS, JSON.stringify({ Authorization: `Bearer ${t.token}` }));
    await setEditor(page, QUERY, 'query Me { me { id email } }');
    const queried = page.waitForRequest((r) => r.method() === 'POST' && (r.postData() ?? '').includes('query Me'));
    await page.locator('.graphiql-execute-button').click();
    const request = await queried;
    expect(request.headers()['authorization']).toBe(`Bearer ${t.token}`);
    const answer = await (await request.response())!.json();
    expect(answer.data.me.id).toBe(t.userId);
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toContain(t.userId);

    // A task held in TRANSCRIBING: the IDE subscribes over graphql-ws with the same headers.
    const file = await makeVideo({ seconds: 1 });
    const { size } = await fs.stat(file);
    const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
    expect((await uploadTo(up, file)).status).toBe(200);
    const { task } = (await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } })).confirmVideoUpload;
    await transcriber.started;
    await setEditor(page, QUERY, `subscription Follow { taskUpdated(taskId: "${task.id}") { sequence status progress } }`);
    await page.locator('.graphiql-execute-button').click();
    const events = () =>
      received
        .map((m) => JSON.parse(m) as { type: string; payload?: { data?: { taskUpdated?: { sequence: number; status: string } } } })
        .flatMap((m) => (m.type === 'next' && m.payload?.data?.taskUpdated ? [m.payload.data.taskUpdated] : []));
    await expect.poll(() => events().map((e) => e.status), { timeout: 30_000 }).toContain('TRANSCRIBING');
    const init = JSON.parse(sent.find((m) => m.includes('connection_init'))!);
    expect(init.payload.Authorization).toBe(`Bearer ${t.token}`);
    // Live: released now, the rest of the pipeline arrives over the same subscription.
    transcriber.release();
    await expect.poll(() => events().map((e) => e.status), { timeout: 60_000 }).toContain('COMPLETED');
    const seqs = events().map((e) => e.sequence);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toContain('COMPLETED');

    await page.screenshot({ path: shot });
    expect(outside).toEqual([]);
    await context.close();
  });

  it('is not served when GRAPHQL_PLAYGROUND is off; API clients still get JSON', async () => {
    const off = await startTestApp({ env: { GRAPHQL_PLAYGROUND: 'false' }, skipSignUp: true });
    try {
      const html = await fetch(off.url, { headers: { accept: 'text/html' } });
      expect(html.headers.get('content-type')).not.toContain('text/html');
      expect((await fetch(off.url.replace('/graphql', '/ruru-static/ruru.js'))).status).toBe(404);
    } finally {
      await off.stop();
    }
    const json = await fetch(`${t.url}?query=${encodeURIComponent('{ health { ok } }')}`, { headers: { accept: 'text/html, application/json', 'apollo-require-preflight': '1' } });
    expect(((await json.json()) as { data: { health: { ok: boolean } } }).data.health.ok).toBe(true);
  });
});
