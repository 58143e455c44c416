// OCR engines behind one interface. Debian's tesseract CLI when installed (faster and cleaner on busy
// frames, ~1 s per 1080×1920 image on one core), else tesseract.js 7 with the traineddata shipped in
// @tesseract.js-data/{por,eng}, read from disk: it never fetches (langPath + cacheMethod 'none').
// Portuguese goes first: with eng first, tesseract drops accents ("verao").
import { constants } from 'node:fs';
import { access, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { SeenWord } from '../../domain/perception.js';
import { AppError, ErrorCode } from '../../errors.js';
import { cancelled, runTool } from './process.js';
import { cleanWord, parseTesseractTsv } from './text.js';

export const OCR_LANGUAGES = ['por', 'eng'] as const;

/** A word as read, before the perceiver says which pass it came from. */
export type ReadWord = Omit<SeenWord, 'pass'>;

export interface TextReader {
  /** e.g. "tesseract 5.3.0 (por+eng)". */
  readonly name: string;
  /**
   * Words of each image (PNM or PNG paths), in order. An image the engine cannot read gives null
   * in its place; CANCELLED on abort, STAGE_TIMEOUT past the limit.
   */
  read(images: string[], opts: { signal: AbortSignal; timeoutMs: number }): Promise<Array<ReadWord[] | null>>;
  close?(): Promise<void>;
}

// Sparse text (psm 11): ad frames hold scattered titles, captions and buttons, not a page.
const TESSERACT_ARGS = ['-l', OCR_LANGUAGES.join('+'), '--psm', '11'];
// tesseract's OpenMP threads fight each other on small machines: one thread is 3.4× faster on 2 cores.
const TESSERACT_ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };

export class TesseractCli implements TextReader {
  constructor(
    readonly name: string,
    private readonly binary: string,
  ) {}

  /** The CLI when it runs and has both language packs; null otherwise. */
  static async detect(binary = 'tesseract'): Promise<TesseractCli | null> {
    const never = new AbortController().signal;
    try {
      const v = await runTool(binary, ['--version'], { signal: never, timeoutMs: 10_000 });
      const version = /tesseract\s+v?([\d.]+)/i.exec(v.stdout.toString() + v.stderr)?.[1] ?? 'unknown';
      const langs = await runTool(binary, ['--list-langs'], { signal: never, timeoutMs: 10_000 });
      const have = new Set((langs.stdout.toString() + langs.stderr).split(/\s+/));
      if (!OCR_LANGUAGES.every((l) => have.has(l))) return null;
      return new TesseractCli(`tesseract ${version} (${OCR_LANGUAGES.join('+')})`, binary);
    } catch {
      return null;
    }
  }

  async read(images: string[], opts: { signal: AbortSignal; timeoutMs: number }): Promise<Array<ReadWord[] | null>> {
    if (!images.length) return [];
    try {
      return await this.batch(images, opts);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== ErrorCode.MEDIA_DECODE_FAILED || images.length === 1) {
        if (images.length === 1 && e instanceof AppError && e.code === ErrorCode.MEDIA_DECODE_FAILED) return [null];
        throw e;
      }
      // One bad image fails the whole batch: read them one by one so only that one is lost.
      const out: Array<ReadWord[] | null> = [];
      for (const img of images) out.push(...(await this.read([img], opts)));
      return out;
    }
  }

  /** One process for many images (a list file): the language models load once. */
  private async batch(images: string[], opts: { signal: AbortSignal; timeoutMs: number }): Promise<ReadWord[][]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'klike-ocr-'));
    try {
      const list = path.join(dir, 'images.txt');
      await writeFile(list, images.join('\n') + '\n');
      const { stdout } = await runTool(this.binary, [list, 'stdout', ...TESSERACT_ARGS, 'tsv'], {
        signal: opts.signal,
        timeoutMs: opts.timeoutMs,
        env: TESSERACT_ENV,
      });
      const pages = parseTesseractTsv(stdout.toString('utf8'), () => 'raw');
      return images.map((_, i) => (pages.get(i + 1) ?? []).map(({ pass: _p, ...w }) => w));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

interface TesseractWorker {
  setParameters(p: Record<string, string>): Promise<unknown>;
  recognize(image: string, opts: object, output: object): Promise<{ data: { blocks: TjsBlock[] | null } }>;
  terminate(): Promise<unknown>;
}
interface TjsWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TjsBlock {
  paragraphs: Array<{ lines: Array<{ words: TjsWord[] }> }>;
}

/** tesseract.js: the worker thread is made per call and terminated after it, so nothing keeps the process alive. */
export class TesseractJs implements TextReader {
  readonly name: string;
  private constructor(
    private readonly langDir: string,
    version: string,
  ) {
    this.name = `tesseract.js ${version} (${OCR_LANGUAGES.join('+')})`;
  }

  /**
   * Copies the two .traineddata.gz files into one folder (tesseract.js takes one langPath); null when
   * the packages are not installed.
   */
  static async detect(dataDir: string): Promise<TesseractJs | null> {
    const require = createRequire(import.meta.url);
    try {
      const version = (require('tesseract.js/package.json') as { version: string }).version;
      const dir = path.join(dataDir, `tesseract-js-${version}`);
      await mkdir(dir, { recursive: true });
      for (const l of OCR_LANGUAGES) {
        const pkg = path.dirname(require.resolve(`@tesseract.js-data/${l}/package.json`));
        const target = path.join(dir, `${l}.traineddata.gz`);
        if (!(await exists(target))) await copyFile(path.join(pkg, '4.0.0_best_int', `${l}.traineddata.gz`), target);
      }
      return new TesseractJs(dir, version);
    } catch {
      return null;
    }
  }

  async read(images: string[], opts: { signal: AbortSignal; timeoutMs: number }): Promise<Array<ReadWord[] | null>> {
    if (!images.length) return [];
    if (opts.signal.aborted) throw cancelled(opts.signal);
    const { createWorker, OEM } = (await import('tesseract.js')) as unknown as {
      createWorker(langs: string[], oem: number, opts: object): Promise<TesseractWorker>;
      OEM: { LSTM_ONLY: number };
    };
    let worker: TesseractWorker | null = null;
    let stop: 'aborted' | 'timeout' | null = null;
    const kill = (why: 'aborted' | 'timeout') => {
      stop ??= why;
      void worker?.terminate().catch(() => {});
    };
    const onAbort = () => kill('aborted');
    opts.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => kill('timeout'), opts.timeoutMs);
    try {
      // No network: the traineddata comes from langDir, and nothing is cached elsewhere.
      worker = await createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, {
        langPath: this.langDir,
        gzip: true,
        cacheMethod: 'none',
        logger: () => {},
        errorHandler: () => {},
      });
      await worker.setParameters({ tessedit_pageseg_mode: '11' });
      const out: Array<ReadWord[] | null> = [];
      for (const img of images) {
        if (stop) break;
        try {
          const r = await worker.recognize(img, {}, { blocks: true, text: false });
          out.push(wordsOf(r.data.blocks ?? []));
        } catch {
          if (stop) break;
          out.push(null);
        }
      }
      if (stop === 'aborted') throw cancelled(opts.signal);
      if (stop === 'timeout') throw new AppError(ErrorCode.STAGE_TIMEOUT, `OCR took longer than ${opts.timeoutMs} ms`, { retryable: true });
      return out;
    } catch (e) {
      if (stop === 'aborted') throw cancelled(opts.signal);
      if (stop === 'timeout') throw new AppError(ErrorCode.STAGE_TIMEOUT, `OCR took longer than ${opts.timeoutMs} ms`, { retryable: true });
      throw e instanceof AppError
        ? e
        : new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'tesseract.js failed', { cause: e, details: { reason: 'ocr' } });
    } finally {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      await worker?.terminate().catch(() => {});
    }
  }
}

function wordsOf(blocks: TjsBlock[]): ReadWord[] {
  const out: ReadWord[] = [];
  for (const b of blocks) {
    for (const p of b.paragraphs) {
      for (const l of p.lines) {
        for (const w of l.words) {
          const box = { x: w.bbox.x0, y: w.bbox.y0, w: w.bbox.x1 - w.bbox.x0, h: w.bbox.y1 - w.bbox.y0 };
          const word = cleanWord({ text: w.text, confidence: w.confidence / 100, box, pass: 'raw' });
          if (word) out.push({ text: word.text, confidence: word.confidence, box: word.box });
        }
      }
    }
  }
  return out;
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
