// Faces and people with @vladmandic/human 3.3 on TensorFlow.js' WebAssembly backend: blazeface for
// faces, centernet for people (both ship inside the package; nothing is downloaded). The package's
// `exports` map hides its node-wasm build, so it is loaded by path; its models and the wasm binary
// are `file://` URLs, which Node's fetch cannot read, so a fetch shim serves those from disk (and
// only those: anything else goes to the real fetch). Frames come in as RGB from ffmpeg.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Box, SeenFace, SeenPerson } from '../../domain/perception.js';
import { AppError, ErrorCode } from '../../errors.js';
import { letterbox } from './pixels.js';

export const FACE_RULES = {
  /**
   * Detections under these scores are dropped (blazeface's own default is 0.2). Measured on our
   * frames: a real face 0.88, ceiling lamps in an empty room 0.55–0.59.
   */
  minFaceScore: 0.7,
  minPersonScore: 0.4,
  maxFaces: 20,
  /** Side of the square the frame is shrunk into: above both models' inputs (blazeface 256, centernet 512). */
  inputSide: 640,
} as const;

export interface FaceFinder {
  /** e.g. "human 3.3.6 (blazeface, centernet)". */
  readonly name: string;
  find(rgb: Uint8Array, width: number, height: number): Promise<{ faces: SeenFace[]; people: SeenPerson[] }>;
}

interface HumanResult {
  face: Array<{ box: [number, number, number, number]; score: number; boxScore?: number }>;
  object: Array<{ label: string; box: [number, number, number, number]; score: number }>;
}
interface HumanInstance {
  load(): Promise<void>;
  detect(input: unknown): Promise<HumanResult>;
  tf: {
    tensor4d(data: Int32Array, shape: number[], dtype: string): { dispose(): void };
    getBackend(): string;
    engine(): { startScope(): void; endScope(): void };
  };
  version: string;
}

let shimInstalled = false;
/** Serves file:// URLs from disk; tfjs and human fetch their models and wasm that way. */
function installFileFetch(): void {
  if (shimInstalled) return;
  shimInstalled = true;
  const real = globalThis.fetch;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) return real(input, init);
    const body = await readFile(fileURLToPath(url));
    const type = url.endsWith('.json') ? 'application/json' : url.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  }) as typeof fetch;
}

export class HumanFaces implements FaceFinder {
  private queue: Promise<unknown> = Promise.resolve();
  private constructor(
    private readonly human: HumanInstance,
    readonly name: string,
  ) {}

  /** Loads the models (≈ 1.5 s); null when the packages are not installed or do not load. */
  static async load(): Promise<HumanFaces | null> {
    const require = createRequire(import.meta.url);
    let root: string;
    let wasmDir: string;
    try {
      root = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
      wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    } catch {
      return null;
    }
    installFileFetch();
    try {
      const { Human } = require(path.join(root, 'dist', 'human.node-wasm.js')) as { Human: new (config: object) => HumanInstance };
      const human = new Human({
        backend: 'wasm',
        wasmPath: pathToFileURL(wasmDir).href + '/',
        modelBasePath: pathToFileURL(path.join(root, 'models')).href + '/',
        debug: false,
        // Every frame is a new picture: no caching between calls, no temporal smoothing.
        cacheSensitivity: 0,
        filter: { enabled: false },
        face: {
          enabled: true,
          // scale 1: the face's own box, not the 1.4× crop the mesh model would want. Frames arrive
          // letterboxed to a square (human's own `square` option shifts the boxes by the padding).
          detector: {
            enabled: true,
            maxDetected: FACE_RULES.maxFaces,
            minConfidence: FACE_RULES.minFaceScore,
            rotation: false,
            return: false,
            scale: 1,
          },
          mesh: { enabled: false },
          iris: { enabled: false },
          description: { enabled: false },
          emotion: { enabled: false },
          antispoof: { enabled: false },
          liveness: { enabled: false },
        },
        body: { enabled: false },
        hand: { enabled: false },
        object: { enabled: true, minConfidence: FACE_RULES.minPersonScore, maxDetected: 20 },
        gesture: { enabled: false },
        segmentation: { enabled: false },
      });
      await human.load();
      return new HumanFaces(human, `human ${human.version} (blazeface, centernet)`);
    } catch {
      return null;
    }
  }

  /** One frame at a time (the wasm backend is one instance per process). */
  find(rgb: Uint8Array, width: number, height: number): Promise<{ faces: SeenFace[]; people: SeenPerson[] }> {
    const run = this.queue.then(() => this.detect(rgb, width, height));
    this.queue = run.catch(() => {});
    return run;
  }

  private async detect(rgb: Uint8Array, width: number, height: number): Promise<{ faces: SeenFace[]; people: SeenPerson[] }> {
    if (rgb.length < width * height * 3)
      throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'frame too short', { details: { reason: 'frame' } });
    const sq = letterbox(rgb, width, height, FACE_RULES.inputSide);
    const tensor = this.human.tf.tensor4d(Int32Array.from(sq.data), [1, sq.side, sq.side, 3], 'int32');
    const back = ([x, y, w, h]: [number, number, number, number]) =>
      clip([(x - sq.offsetX) / sq.scale, (y - sq.offsetY) / sq.scale, w / sq.scale, h / sq.scale], width, height);
    try {
      const r = await this.human.detect(tensor);
      const area = width * height;
      const faces: SeenFace[] = r.face
        .filter((f) => f.score >= FACE_RULES.minFaceScore)
        .map((f) => {
          const box = back(f.box);
          return { box, score: round3(f.score), relativeHeight: round3(box.h / height), relativeArea: round3((box.w * box.h) / area) };
        });
      const people: SeenPerson[] = r.object
        .filter((o) => o.label === 'person' && o.score >= FACE_RULES.minPersonScore)
        .map((o) => {
          const box = back(o.box);
          return { box, score: round3(o.score), relativeArea: round3((box.w * box.h) / area) };
        });
      return { faces, people };
    } finally {
      tensor.dispose();
    }
  }
}

function clip([x, y, w, h]: [number, number, number, number], width: number, height: number): Box {
  const x0 = Math.max(0, Math.round(x)),
    y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(width, Math.round(x + w)),
    y1 = Math.min(height, Math.round(y + h));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
