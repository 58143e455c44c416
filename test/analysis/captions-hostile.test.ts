// Hostile text in caption sidecars, uploaded for real (create → signed PUT → confirm) and read back
// over GraphQL: entities are decoded before markup is stripped, so an escaped tag cannot come back
// as a real one, nothing that opens an HTML tag survives, and bidi controls and C0/C1 controls
// (raw or as character references) never reach cue text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ConfirmCaptionUploadDocument, CreateCaptionUploadDocument, CreateVideoUploadDocument, VideoCaptionsDocument } from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

/** Attaches `body` as a sidecar to a new video and returns the stored cue texts. */
async function cueTexts(body: string, contentType = 'text/vtt'): Promise<string[]> {
  const { createVideoUpload } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: 1000 } });
  const videoId = createVideoUpload.video.id;
  const { createCaptionUpload: up } = await t.ok(CreateCaptionUploadDocument, {
    input: { videoId, filename: contentType === 'text/vtt' ? 'c.vtt' : 'c.srt', contentType, sizeBytes: Buffer.byteLength(body) },
  });
  const put = await fetch(up.uploadUrl, { method: up.uploadMethod, headers: Object.fromEntries(up.uploadHeaders.map((h) => [h.name, h.value])), body });
  expect(put.status).toBe(200);
  await t.ok(ConfirmCaptionUploadDocument, { input: { captionId: up.caption.id } });
  const { video } = await t.ok(VideoCaptionsDocument, { id: videoId });
  return video!.captions[0]!.cues.map((c) => c.text);
}

const vtt = (...texts: string[]) => 'WEBVTT\n\n' + texts.map((x, i) => `00:0${i}.000 --> 00:0${i}.900\n${x}\n`).join('\n');
const TAG_OPENER = /<[A-Za-z/!?]/;

describe('markup in WebVTT cues', () => {
  it('an entity-escaped tag does not come back as markup', async () => {
    const texts = await cueTexts(vtt(
      'Buy &lt;img src=x onerror=alert(1)&gt;now',
      '&lt;script&gt;alert(1)&lt;/script&gt; save',
      '&lt;&lt;i&gt;img src=x onerror=alert(1)&gt;nested',
      'split &lt;img src=x\nonerror=alert(1)&gt; over lines',
      '&lt;!-- comment --&gt; and &#60;svg onload=alert(1)&#62; numeric',
      '<i>real</i> <b>markup</b> &#x3C;a href=javascript:alert(1)&#x3e;link',
    ));
    for (const text of texts) expect(text).not.toMatch(TAG_OPENER);
    expect(texts[0]).toBe('Buy now');
    expect(texts[1]).toBe('alert(1) save');
    expect(texts[5]).toBe('real markup link');
  });

  it('text that only looks like markup stays as written', async () => {
    expect(await cueTexts(vtt('a &lt; b &amp;&amp; c &gt; d', 'I &lt;3 it', 'Tom &amp; Jerry'))).toEqual(['a < b && c > d', 'I <3 it', 'Tom & Jerry']);
  });

  it('SubRip: an unclosed tag cannot open one either', async () => {
    const texts = await cueTexts('1\n00:00:01,000 --> 00:00:02,000\n<img src=x onerror=alert(1)\n\n2\n00:00:03,000 --> 00:00:04,000\n<<b>svg onload=alert(1)>\n', 'application/x-subrip');
    for (const text of texts) expect(text).not.toMatch(TAG_OPENER);
  });
});

describe('bidi and control characters in cues', () => {
  it('character references to bidi overrides, isolates, C0 and C1 controls are dropped', async () => {
    const texts = await cueTexts(vtt(
      'price &#x202E;001$&#x202C; only',
      '&#x2066;isolated&#x2069; &#8235;embedded&#8236;',
      'bell&#7; nel&#133; csi&#x9B; del&#127; nul&#0; esc&#x1b;',
      'lone &#xD800; surrogate',
    ));
    expect(texts).toEqual(['price 001$ only', 'isolated embedded', 'bell nel csi del nul&#0; esc', 'lone \ufffd surrogate']);
  });

  it('raw bidi and C1 characters are dropped too', async () => {
    expect(await cueTexts(vtt('raw \u202Eevil\u202C and \u0085next\u009b'))).toEqual(['raw evil and next']);
  });
});
