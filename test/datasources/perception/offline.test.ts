// OCR and face detection with the network unavailable: a child process with every connection,
// DNS lookup and remote fetch blocked (test/helpers/no-network.mjs, preloaded into its worker
// threads too) reads a scene with tesseract.js (which fetches its language data from a CDN unless
// pointed at local files), the tesseract CLI when installed, and human.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TesseractCli } from '../../../src/datasources/perception/ocr.js';
import { makeScene } from '../../helpers/scenes.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hasCli = (await TesseractCli.detect()) !== null;

async function seeOffline(ocr: 'tesseract' | 'tesseract.js') {
  const file = await makeScene({ shots: [{ seconds: 2, background: 'face', texts: [{ text: 'Promoção de verão', size: 60, x: 140, y: 400 }] }] });
  const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'test/helpers/offline-eyes.ts'), file, ocr], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${path.join(root, 'test/helpers/no-network.mjs')}` },
    maxBuffer: 1 << 24,
  });
  return { out: JSON.parse(stdout.trim().split('\n').at(-1)!), attempts: stderr.split('\n').filter((l) => l.startsWith('NETWORK_ATTEMPT')) };
}

describe('perception with the network unavailable', () => {
  it('tesseract.js and human read the frame from files in node_modules only', async () => {
    const { out, attempts } = await seeOffline('tesseract.js');
    // The block works, in the main thread and in worker threads (where tesseract.js runs).
    expect(out.mainBlocked).toBe(true);
    expect(out.workerBlocked).toBe('worker');
    // Only the control's own fetch was attempted.
    expect(attempts).toEqual(['NETWORK_ATTEMPT main fetch https://cdn.jsdelivr.net/npm/']);
    expect(out.engines.ocr).toMatch(/^tesseract\.js 7/);
    expect(out.engines.faces).toMatch(/^human 3\.3/);
    expect(out.unmeasured).toEqual([]);
    expect(out.lines).toContain('Promoção de verão');
    expect(out.faces).toBe(1);
  }, 180_000);

  it.skipIf(!hasCli)('the tesseract CLI too', async () => {
    const { out, attempts } = await seeOffline('tesseract');
    expect(attempts).toEqual(['NETWORK_ATTEMPT main fetch https://cdn.jsdelivr.net/npm/']);
    expect(out.engines.ocr).toMatch(/^tesseract 5/);
    expect(out.lines).toContain('Promoção de verão');
    expect(out.faces).toBe(1);
  }, 180_000);
});
