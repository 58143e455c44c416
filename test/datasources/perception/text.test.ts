// The pure parts of the eyes: tesseract TSV, the merge of colour passes, lines, masks, change
// detection, the frame sampling and the command lines.
import { describe, expect, it } from 'vitest';
import { cleanWord, groupLines, mergePasses, parseTesseractTsv } from '../../../src/datasources/perception/text.js';
import { colourMask, greyThumb, inkShare, letterbox, thumbDifference } from '../../../src/datasources/perception/pixels.js';
import { frameSize, grabFramesArgs, parseShowinfoTimes } from '../../../src/datasources/perception/args.js';
import { sampleTimes } from '../../../src/analysis/perception-sampling.js';
import type { SeenWord } from '../../../src/domain/perception.js';

const word = (text: string, x: number, y: number, w: number, h: number, confidence = 0.95, pass: SeenWord['pass'] = 'raw'): SeenWord => ({ text, confidence, box: { x, y, w, h }, pass });

describe('tesseract TSV', () => {
  it('reads words per page with boxes and 0–1 confidences, dropping junk', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t1080\t1920\t-1\t',
      '5\t1\t1\t1\t1\t1\t146\t400\t327\t60\t96.37\tPromoção',
      '5\t1\t1\t1\t1\t2\t603\t400\t187\t49\t96.32\tverão',
      '5\t1\t2\t1\t1\t1\t971\t339\t27\t27\t78.0\t4',
      '5\t1\t2\t1\t1\t1\t900\t300\t60\t30\t40.1\tlixo',
      '5\t2\t1\t1\t1\t1\t305\t1700\t218\t54\t95.85\tSHOP',
    ].join('\n');
    const pages = parseTesseractTsv(tsv, () => 'white');
    expect(pages.get(1)).toEqual([word('Promoção', 146, 400, 327, 60, 0.9637, 'white'), word('verão', 603, 400, 187, 49, 0.9632, 'white')]);
    expect(pages.get(2)!.map((w) => w.text)).toEqual(['SHOP']);
  });

  it('keeps sure lone letters (Portuguese "e", "o") and trims punctuation around words', () => {
    expect(cleanWord(word('e', 0, 0, 10, 20, 0.96))?.text).toBe('e');
    expect(cleanWord(word('e', 0, 0, 10, 20, 0.8))).toBeNull();
    expect(cleanWord(word('“agora!”', 0, 0, 10, 20))?.text).toBe('agora!');
    expect(cleanWord(word('——', 0, 0, 10, 20))).toBeNull();
    expect(cleanWord(word('tiny', 0, 0, 10, 4))).toBeNull();
  });
});

describe('passes and lines', () => {
  it('one word read by two passes is kept once: the surer reading, then the tighter box', () => {
    const merged = mergePasses([
      [word('SHOP', 302, 997, 224, 60, 0.78, 'raw'), word('NOW', 555, 998, 194, 58, 0.87, 'raw')],
      [word('SHOP', 298, 928, 225, 179, 0.78, 'yellow'), word('NOW', 556, 1000, 190, 56, 0.97, 'yellow')],
    ]);
    expect(merged.map((w) => [w.text, w.pass, w.box.h])).toEqual([['SHOP', 'raw', 60], ['NOW', 'yellow', 56]]);
  });

  it('groups words on a baseline into lines, top to bottom', () => {
    const lines = groupLines([word('verão', 603, 400, 187, 49), word('Promoção', 146, 400, 327, 60), word('de', 500, 402, 78, 47), word('SHOP', 302, 1700, 224, 60), word('far', 1000, 400, 50, 40)]);
    expect(lines.map((l) => l.text)).toEqual(['Promoção de verão', 'far', 'SHOP']);
    expect(lines[0]).toMatchObject({ box: { x: 146, y: 400, w: 644, h: 60 }, wordCount: 3 });
  });
});

describe('pixels', () => {
  const frame = (w: number, h: number, paint: (x: number, y: number) => [number, number, number]) => {
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgb.set(paint(x, y), (y * w + x) * 3);
    return rgb;
  };

  it('masks white and yellow print as ink', () => {
    const rgb = frame(4, 1, (x) => [[250, 250, 250], [240, 220, 30], [120, 120, 120], [250, 120, 120]][x] as [number, number, number]);
    expect([...colourMask(rgb, 4, 1, 'white')]).toEqual([0, 255, 255, 255]);
    expect([...colourMask(rgb, 4, 1, 'yellow')]).toEqual([255, 0, 255, 255]);
    expect(inkShare(colourMask(rgb, 4, 1, 'white'))).toBe(0.25);
  });

  it('a word appearing changes its block a lot; noise changes none much', () => {
    const base = frame(320, 240, () => [80, 90, 100]);
    const noisy = frame(320, 240, (x, y) => [80 + ((x * y) % 3), 90, 100]);
    const worded = frame(320, 240, (x, y) => (x >= 40 && x < 60 && y >= 40 && y < 50 ? [255, 255, 255] : [80, 90, 100]));
    const t = (f: Uint8Array) => greyThumb(f, 320, 240);
    expect(thumbDifference(t(base), t(noisy))).toBeLessThan(2);
    expect(thumbDifference(t(base), t(worded))).toBeGreaterThan(8);
  });

  it('letterboxes a 9:16 frame into a square, and boxes map back', () => {
    const sq = letterbox(frame(90, 160, () => [10, 20, 30]), 90, 160, 80);
    expect(sq).toMatchObject({ side: 80, scale: 0.5, offsetX: 17, offsetY: 0 });
    expect([...sq.data.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect([...sq.data.subarray((40 * 80 + 40) * 3, (40 * 80 + 40) * 3 + 3)]).toEqual([10, 20, 30]);
  });
});

describe('sampling and command lines', () => {
  it('first frame, each second to 5 s, each shot (its own first frame), the last second', () => {
    expect(sampleTimes({ durationSeconds: 12, cuts: [3.04, 7.5] }).targets).toEqual([
      { atSeconds: 0, reasons: ['first'] },
      { atSeconds: 1, reasons: ['second'] },
      { atSeconds: 2, reasons: ['second'] },
      { atSeconds: 3.04, reasons: ['second', 'shot'] },
      { atSeconds: 4, reasons: ['second'] },
      { atSeconds: 7.5, reasons: ['shot'] },
      { atSeconds: 11.5, reasons: ['last'] },
    ]);
    expect(sampleTimes({ durationSeconds: 1.2, cuts: null }).targets.map((t) => t.atSeconds)).toEqual([0, 0.7, 1]);
  });

  it('caps frames: keeps the fixed ones, thins the shots evenly', () => {
    const { targets, capped } = sampleTimes({ durationSeconds: 600, cuts: Array.from({ length: 299 }, (_, i) => 2 * (i + 1)), maxFrames: 10 });
    expect(capped).toBe(true);
    expect(targets).toHaveLength(10);
    expect(targets.filter((t) => t.reasons.includes('shot')).map((t) => t.atSeconds)).toEqual([80, 228, 376, 524]);
  });

  it('grabs the first frame at or after each time, scaled, one decode', () => {
    const argv = grabFramesArgs('-video.mp4', '/out/frame-%03d.ppm', [0, 1, 2.5], { width: 1080, height: 1920 });
    expect(argv).toContain('file:-video.mp4');
    // One microsecond early: a frame exactly at the time is at or after it (see SELECT_EARLY_SECONDS).
    expect(argv[argv.indexOf('-vf') + 1]).toBe('select=eq(n\\,0)+gte(t\\,0.999999)*lt(prev_t\\,0.999999)+gte(t\\,2.499999)*lt(prev_t\\,2.499999),showinfo,scale=1080:1920:flags=bicubic,setsar=1,format=rgb24');
    expect(argv[argv.indexOf('-frames:v') + 1]).toBe('3');
    expect(argv[argv.indexOf('-protocol_whitelist') + 1]).toBe('file');
    expect(frameSize(2160, 3840)).toEqual({ width: 1080, height: 1920 });
    expect(frameSize(641, 361)).toEqual({ width: 642, height: 362 });
    expect(parseShowinfoTimes('[Parsed_showinfo_1 @ 0x1] n:   0 pts:      0 pts_time:0       duration\n[Parsed_showinfo_1 @ 0x1] n:   1 pts:  15360 pts_time:1.04 duration')).toEqual([0, 1.04]);
  });
});
