// The start-up summary's hints: a fully equipped process lists nothing missing, each missing engine
// gets exactly its line, and a database password never reaches the text.
import { describe, expect, it } from 'vitest';
import { formatSummary, missingEngines, type RuntimeFacts } from '../../src/ops/summary.js';

const full: RuntimeFacts = {
  role: 'all',
  api: { graphqlUrl: 'http://localhost:4000/graphql', wsUrl: 'ws://localhost:4000/graphql', playground: true },
  dataDir: '/srv/klike',
  database: { mode: 'external', url: 'postgres://klike:s3cret-pw@db.internal:5432/klike' },
  storage: { driver: 's3', bucket: 'ads', endpoint: 'http://minio:9000' },
  media: { version: '5.1.9', ffmpeg: '/usr/bin/ffmpeg', ffmpegSource: 'PATH', ffprobe: '/usr/bin/ffprobe', ffprobeSource: 'PATH', missingFilters: [], limitations: [] },
  engines: { transcriber: 'openai', transcriberChoice: 'auto', analyzer: 'gemini+fallback:offline', recommender: 'openai+fallback:offline', ocr: 'tesseract 5.3.0 (por+eng)', faces: 'human 3.3.6' },
  chromium: '/usr/bin/chromium',
};

describe('start-up summary', () => {
  it('a fully equipped process: every engine named, nothing listed as missing, no password', () => {
    expect(missingEngines(full)).toEqual([]);
    const text = formatSummary(full);
    expect(text).toContain('S3 bucket ads at http://minio:9000');
    expect(text).toContain('postgres://klike:***@db.internal:5432/klike');
    expect(text).not.toContain('s3cret-pw');
    expect(text).not.toContain('Not active');
  });

  it('each missing engine gets its line; an explicit TRANSCRIBER=none is a choice, not a gap', () => {
    const bare: RuntimeFacts = {
      ...full,
      media: { ...full.media!, missingFilters: ['scdet', 'ebur128'] },
      engines: { transcriber: 'none', transcriberChoice: 'auto', analyzer: 'offline', recommender: 'offline', ocr: null, faces: null },
      chromium: null,
    };
    expect(missingEngines(bare).map((m) => m.engine)).toEqual(['speech', 'AI analysis', 'AI recommendations', 'on-screen text (OCR)', 'faces and people', 'ffmpeg scdet', 'ffmpeg ebur128', 'PDF reports']);
    expect(missingEngines({ ...bare, engines: { ...bare.engines!, transcriberChoice: 'none' } }).map((m) => m.engine)).not.toContain('speech');
    expect(formatSummary(bare)).toContain('- ffmpeg ebur128: would add loudness (integrated LUFS, range, true peak) and the loudness checks.');
  });
});
