// What a started process runs on, for people: where the API is, where data lives, which engines are
// active, and for each optional engine that is missing what it would add and how to get it. main.ts
// prints it when stdout is a terminal (machines keep the JSON lines, which carry the same facts in
// the `ready` line); `npm run doctor` uses the same hints.
import type { BinarySource } from '../datasources/media/binaries.js';

export interface RuntimeFacts {
  role: 'api' | 'worker' | 'all';
  api?: { graphqlUrl: string; wsUrl: string; playground: boolean };
  dataDir: string;
  database: { mode: 'embedded'; dataDir: string; port: number } | { mode: 'external'; url: string };
  storage: { driver: 'local'; root: string } | { driver: 's3'; bucket: string; endpoint?: string };
  /** The worker's media tools. */
  media?: {
    version: string | null;
    ffmpeg: string;
    ffmpegSource: BinarySource;
    ffprobe: string;
    ffprobeSource: BinarySource;
    missingFilters: string[];
    limitations: string[];
  };
  /** The worker's engines (names as the result reports them; `none`/null when missing). */
  engines?: {
    transcriber: string;
    transcriberChoice: string;
    analyzer: string;
    recommender: string;
    ocr: string | null;
    faces: string | null;
  };
  /** Headless Chromium for PDF reports (API roles); null when none was found. */
  chromium?: string | null;
}

/** An optional engine that is not active: what it would add and how to install or enable it. */
export interface MissingEngine {
  engine: string;
  adds: string;
  how: string;
}

export const HINTS = {
  speech: {
    engine: 'speech',
    adds: 'transcripts: words per minute, the first spoken word, a spoken CTA and brand, the speech checks',
    how: '`apt-get install pocketsphinx pocketsphinx-en-us` (offline, English), or OPENAI_API_KEY / GEMINI_API_KEY, or WHISPER_MODEL_PATH with `npm install @fugood/whisper.node`',
  },
  analyzer: {
    engine: 'AI analysis',
    adds: 'Gemini watching the video: creative metrics, audiences and policy findings judged by a model, beside the measured ones',
    how: 'set GEMINI_API_KEY',
  },
  recommender: {
    engine: 'AI recommendations',
    adds: 'recommendations written by a model for this video (templates otherwise)',
    how: 'set OPENAI_API_KEY',
  },
  ocr: {
    engine: 'on-screen text (OCR)',
    adds: 'text in the frames: safe zones, caption position and size, hook/CTA length, supers',
    how: '`apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-por`, or `npm ci` (restores tesseract.js)',
  },
  faces: {
    engine: 'faces and people',
    adds: 'faces and people in the frames (PEOPLE_EARLY, FACE_CLOSEUP)',
    how: '`npm ci` (installs @vladmandic/human and the TensorFlow.js wasm backend)',
  },
  scdet: {
    engine: 'ffmpeg scdet',
    adds: "ffmpeg's scene detector (select='gt(scene,…)' stands in and finds the same hard cuts)",
    how: '`apt-get install ffmpeg` (5.1 or later) or FFMPEG_PATH/FFPROBE_PATH to a current build',
  },
  pdf: {
    engine: 'PDF reports',
    adds: 'the report as PDF (`?format=pdf`; HTML works without)',
    how: '`apt-get install chromium` or REPORT_CHROMIUM_PATH',
  },
} satisfies Record<string, MissingEngine>;

/** What each analysis filter measures (src/datasources/media/analysis-args.ts ANALYSIS_FILTERS). */
const FILTER_ADDS: Record<string, string> = {
  ebur128: 'loudness (integrated LUFS, range, true peak) and the loudness checks',
  silencedetect: 'silences and the silent opening',
  blackdetect: 'black stretches',
  freezedetect: 'frozen stretches',
  select: 'thumbnails and shot stills (and scene cuts without scdet)',
};

export function missingEngines(f: RuntimeFacts): MissingEngine[] {
  const out: MissingEngine[] = [];
  const e = f.engines;
  if (e) {
    if (e.transcriber === 'none' && e.transcriberChoice !== 'none') out.push(HINTS.speech);
    if (e.analyzer === 'offline') out.push(HINTS.analyzer);
    if (e.recommender === 'offline') out.push(HINTS.recommender);
    if (!e.ocr) out.push(HINTS.ocr);
    if (!e.faces) out.push(HINTS.faces);
  }
  for (const filter of f.media?.missingFilters ?? []) {
    out.push(
      filter === 'scdet'
        ? HINTS.scdet
        : { engine: `ffmpeg ${filter}`, adds: FILTER_ADDS[filter] ?? `the ${filter} filter`, how: HINTS.scdet.how },
    );
  }
  if (f.chromium === null) out.push(HINTS.pdf);
  return out;
}

/** A database URL without its password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

const SOURCE: Record<BinarySource, string> = {
  FFMPEG_PATH: 'from FFMPEG_PATH',
  FFPROBE_PATH: 'from FFPROBE_PATH',
  PATH: 'on PATH',
  'beside ffmpeg': 'beside ffmpeg',
  npm: 'npm static build',
};

/** The summary as plain text (no colours), ready to write to a terminal. */
export function formatSummary(f: RuntimeFacts): string {
  const lines: string[] = ['', `klike is running (${f.role === 'all' ? 'API and worker' : f.role})`, ''];
  const row = (k: string, v: string) => lines.push(`  ${k.padEnd(13)} ${v}`);
  if (f.api) {
    row('GraphQL', `${f.api.graphqlUrl}   (WebSocket subscriptions: ${f.api.wsUrl})`);
    row('playground', f.api.playground ? `${f.api.graphqlUrl} in a browser` : 'off (GRAPHQL_PLAYGROUND=true turns it on)');
  }
  row('data', f.dataDir);
  row(
    'database',
    f.database.mode === 'embedded' ? `embedded PostgreSQL, ${f.database.dataDir}, port ${f.database.port}` : safeUrl(f.database.url),
  );
  row(
    'storage',
    f.storage.driver === 'local'
      ? `local disk, ${f.storage.root}`
      : `S3 bucket ${f.storage.bucket}${f.storage.endpoint ? ` at ${f.storage.endpoint}` : ''}`,
  );
  if (f.media) {
    row('ffmpeg', `${f.media.version ?? 'unknown version'}, ${SOURCE[f.media.ffmpegSource]} (${f.media.ffmpeg})`);
    row('ffprobe', `${SOURCE[f.media.ffprobeSource]} (${f.media.ffprobe})`);
  }
  if (f.engines) {
    row('transcriber', f.engines.transcriber);
    row('analyzer', f.engines.analyzer);
    row('recommender', f.engines.recommender);
    row('OCR', f.engines.ocr ?? 'none');
    row('faces', f.engines.faces ?? 'none');
  }
  if (f.chromium !== undefined) row('PDF reports', f.chromium ?? 'none');
  const missing = missingEngines(f);
  if (missing.length) {
    lines.push('', '  Not active (optional):');
    for (const m of missing) lines.push(`  - ${m.engine}: would add ${m.adds}. ${capitalise(m.how)}.`);
  }
  lines.push('', '  JSON logs follow (LOG_LEVEL=warn for fewer). Ctrl-C stops. `npm run doctor` checks the set-up.', '');
  return lines.join('\n') + '\n';
}

const capitalise = (s: string) => (s.startsWith('`') ? s : s[0]!.toUpperCase() + s.slice(1));
