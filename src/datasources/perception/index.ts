// Which eyes this worker has: OCR_ENGINE and FACE_ENGINE pick them (auto: the tesseract CLI when
// installed, else tesseract.js; human for faces), missing ones are reported and their facts
// `unmeasured`. Human's models load once, at worker start (≈ 1.5 s).
import type { Logger } from '../../logger.js';
import { ConfigError } from '../../config.js';
import { HumanFaces, type FaceFinder } from './faces.js';
import { TesseractCli, TesseractJs, type TextReader } from './ocr.js';
import { FramePerceiver, type Perceiver } from './perceiver.js';

export type { Perceiver } from './perceiver.js';

export interface PerceptionConfig {
  ocr: 'auto' | 'tesseract' | 'tesseract.js' | 'none';
  faces: 'auto' | 'human' | 'none';
  /** (Default: 24) */
  maxFrames: number;
  tesseractPath?: string;
}

export async function createPerceiver(
  config: PerceptionConfig,
  deps: { ffmpegPath: string; ffprobePath?: string; fpsMode?: boolean; dataDir: string; logger: Logger },
): Promise<Perceiver> {
  const { logger } = deps;
  let ocr: TextReader | null = null;
  if (config.ocr === 'auto' || config.ocr === 'tesseract') ocr = await TesseractCli.detect(config.tesseractPath);
  if (!ocr && config.ocr === 'tesseract')
    throw new ConfigError(
      'Invalid configuration:\n  OCR_ENGINE: tesseract is not installed with por and eng (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-por; see TESSERACT_PATH)',
    );
  if (!ocr && (config.ocr === 'auto' || config.ocr === 'tesseract.js')) ocr = await TesseractJs.detect(deps.dataDir);
  if (!ocr && config.ocr === 'tesseract.js')
    throw new ConfigError('Invalid configuration:\n  OCR_ENGINE: tesseract.js with @tesseract.js-data/por and /eng is not installed');
  let faces: FaceFinder | null = null;
  if (config.faces !== 'none') faces = await HumanFaces.load();
  if (!faces && config.faces === 'human')
    throw new ConfigError('Invalid configuration:\n  FACE_ENGINE: @vladmandic/human with the tfjs wasm backend is not installed');
  if (!ocr && config.ocr !== 'none') logger.warn('no OCR engine found; on-screen text will be unmeasured');
  if (!faces && config.faces !== 'none') logger.warn('no face engine found; faces and people will be unmeasured');
  logger.info('perception engines', { ocr: ocr?.name ?? null, faces: faces?.name ?? null });
  return new FramePerceiver({
    ffmpegPath: deps.ffmpegPath,
    ffprobePath: deps.ffprobePath,
    fpsMode: deps.fpsMode,
    ocr,
    faces,
    maxFrames: config.maxFrames,
    logger: logger.child({ component: 'perception' }),
  });
}
