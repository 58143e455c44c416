// The eyes: grab the sampled frames (one decode, or seeks to keyframes when cheaper), read their words (the frame and its white and
// yellow masks, one tesseract process per batch), find faces and people, reuse both for a frame
// whose picture barely changed since the last one read, and draw the boxes on a still per frame.
// Frames go through disk one at a time, so memory stays flat however long the video is.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  PerceivedFrame,
  PerceptionEngines,
  PerceptionFacts,
  PerceptionUnmeasured,
  SeenFace,
  SeenPerson,
  SeenWord,
  OcrPass,
} from '../../domain/perception.js';
import { unmeasuredPerception } from '../../domain/perception.js';
import type { Logger } from '../../logger.js';
import { sampleTimes } from '../../analysis/perception-sampling.js';
import { annotateArgs, frameSize, type DrawnBox } from './args.js';
import { grabFrames, type GrabReport } from './grab.js';
import type { FaceFinder } from './faces.js';
import type { TextReader } from './ocr.js';
import { colourMask, greyThumb, inkShare, pgm, thumbDifference } from './pixels.js';
import { cancelled, cpuClockMs, runTool } from './process.js';
import { groupLines, mergePasses } from './text.js';

export const PERCEPTION = {
  /**
   * Largest block difference (mean luma of a 1/32-width block, 0–255) under which the picture
   * "barely changed": one 16 px word appearing moves its block by 20+, re-encoding noise by 1–3.
   */
  sameFrameDifference: 8,
  /** A mask with less ink than this share holds no text worth a pass; with more it is a bright scene, not print. */
  minMaskInk: 0.0005,
  maxMaskInk: 0.35,
  /** Frames per tesseract process: models load once per batch, progress and cancellation between batches. */
  ocrBatchFrames: 4,
  /** Width of the stored stills with boxes. */
  stillWidth: 540,
} as const;

export interface PerceiveInput {
  source: string;
  display: { width: number; height: number };
  durationSeconds: number | null;
  /** Scene cuts from the media measurement; null when not measured. */
  cuts: readonly number[] | null;
  /** Scratch directory; perception writes into a subdirectory and removes its frames. */
  workDir: string;
  signal: AbortSignal;
  timeoutMs: number;
  onProgress?: (fraction: number) => void;
}

export interface PerceiveOutput {
  facts: PerceptionFacts;
  /** Stills with the boxes drawn, by frame time; the caller stores them and sets stillKey. */
  stills: Array<{ atSeconds: number; path: string }>;
  /** How the frames were grabbed (linear or seeking, and why); absent when nothing was grabbed. */
  grab?: GrabReport;
}

export interface Perceiver {
  readonly engines: PerceptionEngines;
  perceive(input: PerceiveInput): Promise<PerceiveOutput>;
}

export interface PerceiverDeps {
  ffmpegPath: string;
  /** Lists the video's keyframes so the grab can seek to them; without it the grab decodes linearly. */
  ffprobePath?: string | null;
  /** Grab linearly, or seek wherever a keyframe skips a frame, whatever the costs (tests). (Default: the cheaper) */
  grab?: 'linear' | 'seek';
  /** The build takes `-fps_mode` (ffmpeg ≥ 5.1; MediaCapabilities.fpsMode). (Default: true) */
  fpsMode?: boolean;
  ocr: TextReader | null;
  faces: FaceFinder | null;
  /** (Default: 24) */
  maxFrames?: number;
  logger?: Logger;
}

interface FrameWork {
  index: number;
  atSeconds: number;
  reasons: PerceivedFrame['reasons'];
  file: string;
  reusedFrom: number | null;
  ocrImages: Array<{ path: string; pass: OcrPass }>;
  words: SeenWord[];
  faces: SeenFace[];
  people: SeenPerson[];
}

export class FramePerceiver implements Perceiver {
  readonly engines: PerceptionEngines;
  constructor(private readonly deps: PerceiverDeps) {
    this.engines = { ocr: deps.ocr?.name ?? null, faces: deps.faces?.name ?? null };
  }

  async perceive(input: PerceiveInput): Promise<PerceiveOutput> {
    const { signal } = input;
    if (signal.aborted) throw cancelled(signal);
    const cpu0 = cpuClockMs();
    const { targets, capped } = sampleTimes({ durationSeconds: input.durationSeconds, cuts: input.cuts, maxFrames: this.deps.maxFrames });
    let size: { width: number; height: number };
    try {
      size = frameSize(input.display.width, input.display.height);
    } catch {
      return { facts: unmeasuredPerception('NO_PICTURE', this.engines), stills: [] };
    }
    const dir = path.join(input.workDir, 'perception');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const unmeasured: PerceptionUnmeasured[] = [];
    if (!this.deps.ocr) unmeasured.push({ fact: 'text', reason: 'NO_OCR_ENGINE' });
    if (!this.deps.faces) unmeasured.push({ fact: 'faces', reason: 'NO_FACE_ENGINE' }, { fact: 'people', reason: 'NO_FACE_ENGINE' });

    // 1. The sampled frames, by one decode or by seeking to keyframes (./grab.ts).
    const grab = await grabFrames(
      { ffmpegPath: this.deps.ffmpegPath, ffprobePath: this.deps.ffprobePath, fpsMode: this.deps.fpsMode, logger: this.deps.logger },
      {
        source: input.source,
        targets: targets.map((t) => t.atSeconds),
        size,
        pixels: input.display.width * input.display.height,
        dir,
        signal,
        timeoutMs: input.timeoutMs,
        force: this.deps.grab,
      },
    );
    const times = grab.times;
    this.deps.logger?.debug('perception frame grab', { ...grab.report });
    const files = (await readdir(dir)).filter((f) => /^frame-\d+\.ppm$/.test(f)).sort();
    if (!files.length) {
      await rm(dir, { recursive: true, force: true });
      return {
        facts: { ...unmeasuredPerception('DECODE_FAILED', this.engines), cpuMs: cpuFrom(cpu0, 0, 0) },
        stills: [],
        grab: grab.report,
      };
    }
    const cpuDecode = cpuClockMs() - cpu0;
    input.onProgress?.(0.1);

    // 2. Per frame: unchanged → reuse; else masks for OCR and faces now.
    const work: FrameWork[] = [];
    let lastRead: { thumb: ReturnType<typeof greyThumb>; at: number; index: number } | null = null;
    let facesMs = 0;
    const frameBytes = size.width * size.height * 3;
    for (let i = 0; i < files.length; i++) {
      if (signal.aborted) throw cancelled(signal);
      const file = path.join(dir, files[i]!);
      const at = round3(times[i] ?? targets[i]?.atSeconds ?? 0);
      const target = nearestTarget(targets, at);
      const rgb = pixelsOf(await readFile(file), frameBytes);
      const w: FrameWork = {
        index: i,
        atSeconds: at,
        reasons: target?.reasons ?? [],
        file,
        reusedFrom: null,
        ocrImages: [],
        words: [],
        faces: [],
        people: [],
      };
      work.push(w);
      if (!rgb) {
        unmeasured.push({ fact: 'frames', reason: 'BAD_FRAME', atSeconds: at });
        continue;
      }
      const thumb = greyThumb(rgb, size.width, size.height);
      if (lastRead && thumbDifference(thumb, lastRead.thumb) < PERCEPTION.sameFrameDifference) {
        w.reusedFrom = lastRead.at;
        continue;
      }
      lastRead = { thumb, at, index: i };
      if (this.deps.ocr) {
        w.ocrImages.push({ path: file, pass: 'raw' });
        for (const kind of ['white', 'yellow'] as const) {
          const mask = colourMask(rgb, size.width, size.height, kind);
          const ink = inkShare(mask);
          if (ink < PERCEPTION.minMaskInk || ink > PERCEPTION.maxMaskInk) continue;
          const p = path.join(dir, `${path.basename(file, '.ppm')}-${kind}.pgm`);
          await writeFile(p, pgm(mask, size.width, size.height));
          w.ocrImages.push({ path: p, pass: kind });
        }
      }
      if (this.deps.faces) {
        const f0 = cpuClockMs();
        try {
          const found = await this.deps.faces.find(rgb, size.width, size.height);
          w.faces = found.faces;
          w.people = found.people;
        } catch (e) {
          if (signal.aborted) throw cancelled(signal);
          this.deps.logger?.warn('face detection failed on a frame', { atSeconds: at, error: e });
          unmeasured.push(
            { fact: 'faces', reason: 'FRAME_UNREADABLE', atSeconds: at },
            { fact: 'people', reason: 'FRAME_UNREADABLE', atSeconds: at },
          );
        }
        facesMs += cpuClockMs() - f0;
      }
      input.onProgress?.(0.1 + (0.3 * (i + 1)) / files.length);
    }

    // 3. OCR in batches of frames, one tesseract process each.
    const o0 = cpuClockMs();
    let ocrFrames = 0;
    if (this.deps.ocr) {
      const toRead = work.filter((w) => w.ocrImages.length);
      for (let b = 0; b < toRead.length; b += PERCEPTION.ocrBatchFrames) {
        if (signal.aborted) throw cancelled(signal);
        const batch = toRead.slice(b, b + PERCEPTION.ocrBatchFrames);
        const images = batch.flatMap((w) => w.ocrImages);
        const read = await this.deps.ocr.read(
          images.map((i) => i.path),
          { signal, timeoutMs: input.timeoutMs },
        );
        let k = 0;
        for (const w of batch) {
          const passes: SeenWord[][] = [];
          let failed = false;
          for (const img of w.ocrImages) {
            const words = read[k++];
            if (words === null || words === undefined) failed = true;
            else passes.push(words.map((x) => ({ ...x, pass: img.pass })));
          }
          if (failed && !passes.length) unmeasured.push({ fact: 'text', reason: 'FRAME_UNREADABLE', atSeconds: w.atSeconds });
          w.words = mergePasses(passes);
          ocrFrames++;
        }
        input.onProgress?.(0.4 + (0.5 * Math.min(toRead.length, b + batch.length)) / toRead.length);
      }
    }
    const ocrMs = cpuClockMs() - o0;
    // Reused frames take the words and faces of the frame they repeat.
    const byAt = new Map(work.map((w) => [w.atSeconds, w]));
    for (const w of work) {
      if (w.reusedFrom === null) continue;
      const src = byAt.get(w.reusedFrom)!;
      w.words = src.words;
      w.faces = src.faces;
      w.people = src.people;
    }

    // 4. Stills with the boxes, for the frames that have any (reused frames share their source's).
    const stills: PerceiveOutput['stills'] = [];
    for (const w of work) {
      if (w.reusedFrom !== null) continue;
      const boxes: DrawnBox[] = [
        ...w.people.map((p) => ({ box: p.box, kind: 'person' as const })),
        ...w.faces.map((f) => ({ box: f.box, kind: 'face' as const })),
        ...w.words.map((x) => ({ box: x.box, kind: 'text' as const })),
      ];
      if (!boxes.length) continue;
      const out = path.join(input.workDir, `perceived-${String(w.index + 1).padStart(3, '0')}.jpg`);
      try {
        await runTool(this.deps.ffmpegPath, annotateArgs(w.file, out, boxes, size.width, PERCEPTION.stillWidth), {
          signal,
          timeoutMs: 30_000,
        });
        stills.push({ atSeconds: w.atSeconds, path: out });
      } catch (e) {
        if (signal.aborted) throw cancelled(signal);
        this.deps.logger?.warn('could not draw the boxes on a still', { atSeconds: w.atSeconds, error: e });
      }
    }
    await rm(dir, { recursive: true, force: true });
    input.onProgress?.(1);

    const frames: PerceivedFrame[] = work.map((w) => ({
      atSeconds: w.atSeconds,
      reasons: w.reasons,
      words: w.words,
      lines: groupLines(w.words),
      reusedFrom: w.reusedFrom,
      faces: w.faces,
      people: w.people,
      stillKey: null,
    }));
    return {
      facts: {
        version: 1,
        engines: this.engines,
        frameWidth: size.width,
        frameHeight: size.height,
        frames,
        ocrFrames,
        capped,
        unmeasured,
        cpuMs: {
          decode: Math.round(cpuDecode),
          ocr: Math.round(ocrMs),
          faces: Math.round(facesMs),
          total: Math.round(cpuClockMs() - cpu0),
        },
      },
      stills,
      grab: grab.report,
    };
  }
}

/** The RGB bytes of a binary PPM of the expected size; null for anything else. */
function pixelsOf(file: Buffer, frameBytes: number): Uint8Array | null {
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 40).toString('latin1'));
  if (!m || m[3] !== '255') return null;
  const body = file.subarray(m[0].length);
  return body.length >= frameBytes ? body.subarray(0, frameBytes) : null;
}

function nearestTarget<T extends { atSeconds: number }>(targets: readonly T[], at: number): T | undefined {
  let best: T | undefined;
  for (const t of targets) if (t.atSeconds <= at + 0.001 && (!best || t.atSeconds > best.atSeconds)) best = t;
  return best ?? targets[0];
}

function cpuFrom(cpu0: number, ocr: number, faces: number) {
  const total = Math.round(cpuClockMs() - cpu0);
  return { decode: total, ocr, faces, total };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
