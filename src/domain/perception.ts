// What the eyes saw: words read on screen and faces/people found, on sampled frames. Boxes are in
// pixels of the analysed frame (PerceptionFacts.frameWidth × frameHeight, the display size capped
// at 1920 px on the long side); rules turn them into shares of the frame. Depends on nothing.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The colour pass a word was read in: the frame itself, or a mask of its white or yellow pixels. */
export type OcrPass = 'raw' | 'white' | 'yellow';

export interface SeenWord {
  text: string;
  /** The engine's confidence, 0..1. */
  confidence: number;
  box: Box;
  pass: OcrPass;
}

/** Words on one baseline, left to right: a caption line, a title, a CTA button. */
export interface SeenLine {
  text: string;
  box: Box;
  /** Mean of the words' confidences, 0..1. */
  confidence: number;
  wordCount: number;
}

export interface SeenFace {
  box: Box;
  /** Detector score, 0..1. */
  score: number;
  /** Box height / frame height: how close the face is. */
  relativeHeight: number;
  /** Box area / frame area. */
  relativeArea: number;
}

export interface SeenPerson {
  box: Box;
  score: number;
  relativeArea: number;
}

/** Why a frame was sampled. */
export type SampleReason = 'first' | 'second' | 'shot' | 'last';

export interface PerceivedFrame {
  /** Presentation time of the frame read, seconds. */
  atSeconds: number;
  reasons: SampleReason[];
  words: SeenWord[];
  lines: SeenLine[];
  /** Set when the picture barely changed since the frame at this time: its words (and faces) were reused, not read again. */
  reusedFrom: number | null;
  faces: SeenFace[];
  people: SeenPerson[];
  /** Storage key of the still with the boxes drawn on it (JPEG); null when none was stored. */
  stillKey: string | null;
}

export type PerceptionFact = 'frames' | 'text' | 'faces' | 'people';

/** A perception fact not measured, and why (no engine installed, a frame the engine could not read). */
export interface PerceptionUnmeasured {
  fact: PerceptionFact;
  reason: string;
  /** The frame concerned, when only some frames failed. */
  atSeconds?: number;
}

export interface PerceptionEngines {
  /** e.g. "tesseract 5.3.0 (por+eng)" or "tesseract.js 7.0.0 (por+eng)"; null when no OCR engine is available. */
  ocr: string | null;
  /** e.g. "human 3.3.6 (blazeface, centernet)"; null when none is available. */
  faces: string | null;
}

export interface PerceptionFacts {
  version: 1;
  engines: PerceptionEngines;
  frameWidth: number;
  frameHeight: number;
  frames: PerceivedFrame[];
  /** Frames whose text was read by OCR (the others reused a previous frame's words). */
  ocrFrames: number;
  /** More frames were wanted than the cap allows; shot frames were thinned evenly. */
  capped: boolean;
  unmeasured: PerceptionUnmeasured[];
  /** CPU time spent, milliseconds (this process and the tools it ran). */
  cpuMs: { decode: number; ocr: number; faces: number; total: number };
}

/** Perception that could not run at all (no video, no engines): everything unmeasured with the reason. */
export function unmeasuredPerception(reason: string, engines: PerceptionEngines = { ocr: null, faces: null }): PerceptionFacts {
  return {
    version: 1,
    engines,
    frameWidth: 0,
    frameHeight: 0,
    frames: [],
    ocrFrames: 0,
    capped: false,
    unmeasured: (['frames', 'text', 'faces', 'people'] as const).map((fact) => ({ fact, reason })),
    cpuMs: { decode: 0, ocr: 0, faces: 0, total: 0 },
  };
}

/** Whether a fact was measured on every sampled frame (false when it was left out entirely). */
export function measured(p: PerceptionFacts | null | undefined, fact: PerceptionFact): boolean {
  return Boolean(p && p.frames.length && !p.unmeasured.some((u) => u.fact === fact && u.atSeconds === undefined));
}
