// What OCR engines print, turned into our words and lines (pure): tesseract's TSV, the merge of the
// colour passes, junk filtering, and words grouped into lines.
import type { Box, OcrPass, SeenLine, SeenWord } from '../../domain/perception.js';

export const OCR_FILTER = {
  /**
   * Words the engine is less sure of are dropped (tesseract's 0–100 scale / 100). Measured on our
   * frames: printed words read at 0.90–0.97, texture misread as letters (a warm ceiling through the
   * yellow mask) at 0.63–0.68.
   */
  minConfidence: 0.75,
  /** Boxes lower than this (px) are noise, not print. */
  minHeightPx: 6,
  /** A single letter is kept only this sure. */
  loneLetterConfidence: 0.9,
  /** The same word read in two passes: boxes overlapping this much (IoU) are one word. */
  sameWordIou: 0.4,
} as const;

/** One image's words from tesseract's TSV (`tesseract … tsv`), by page (1-based, one per listed image). */
export function parseTesseractTsv(tsv: string, pass: (page: number) => OcrPass): Map<number, SeenWord[]> {
  const pages = new Map<number, SeenWord[]>();
  const lines = tsv.split('\n');
  for (const line of lines) {
    const c = line.split('\t');
    // level page block par line word left top width height conf text
    if (c.length < 12 || c[0] !== '5') continue;
    const page = Number(c[1]);
    const [x, y, w, h, conf] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9]), Number(c[10])];
    const text = c.slice(11).join('\t').trim();
    if (!Number.isFinite(page) || ![x, y, w, h, conf].every(Number.isFinite)) continue;
    const word = cleanWord({ text, confidence: conf / 100, box: { x, y, w, h }, pass: pass(page) });
    if (!word) continue;
    const list = pages.get(page) ?? [];
    list.push(word);
    pages.set(page, list);
  }
  return pages;
}

/** A word worth keeping, trimmed; null for junk (low confidence, tiny, no letter or digit, an unsure lone letter). */
export function cleanWord(w: SeenWord): SeenWord | null {
  const text = w.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}!?%.,:;]+$/gu, '');
  if (!text || w.confidence < OCR_FILTER.minConfidence || w.box.h < OCR_FILTER.minHeightPx) return null;
  const letters = (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  // Lone letters are words in Portuguese ("o", "a", "e", "é"), but texture is often read as one letter or digit.
  if (!letters || (letters === 1 && w.confidence < OCR_FILTER.loneLetterConfidence)) return null;
  return { ...w, text };
}

export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x),
    y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.w, b.x + b.w),
    y1 = Math.min(a.y + a.h, b.y + b.h);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * The passes' words as one list: where two passes read the same place (boxes overlapping, or the
 * same word over each other), the surer reading wins, then the tighter box (a mask pass can take
 * in a patch of same-coloured background).
 */
export function mergePasses(passes: SeenWord[][]): SeenWord[] {
  const out: SeenWord[] = [];
  const area = (w: SeenWord) => w.box.w * w.box.h;
  const ordered = passes.flat().sort((a, b) => b.confidence - a.confidence || area(a) - area(b));
  for (const w of ordered) {
    const same = (o: SeenWord) =>
      iou(o.box, w.box) >= OCR_FILTER.sameWordIou || (o.text.toLowerCase() === w.text.toLowerCase() && iou(o.box, w.box) > 0);
    if (out.some(same)) continue;
    out.push(w);
  }
  return out.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

/**
 * Words on one line: their vertical extents overlap by half the smaller height, and the gap to the
 * previous word is under 1.5 line heights. Lines ordered top to bottom.
 */
export function groupLines(words: readonly SeenWord[]): SeenLine[] {
  const sorted = [...words].sort((a, b) => a.box.x - b.box.x);
  const groups: SeenWord[][] = [];
  for (const w of sorted) {
    const g = groups.find((ws) => {
      const last = ws.at(-1)!;
      const overlap = Math.min(last.box.y + last.box.h, w.box.y + w.box.h) - Math.max(last.box.y, w.box.y);
      const gap = w.box.x - (last.box.x + last.box.w);
      return overlap >= 0.5 * Math.min(last.box.h, w.box.h) && gap < 1.5 * Math.max(last.box.h, w.box.h);
    });
    if (g) g.push(w);
    else groups.push([w]);
  }
  return groups
    .map((ws): SeenLine => ({
      text: ws.map((w) => w.text).join(' '),
      box: union(ws.map((w) => w.box)),
      confidence: round3(ws.reduce((n, w) => n + w.confidence, 0) / ws.length),
      wordCount: ws.length,
    }))
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

export function union(boxes: readonly Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b.x)),
    y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w)),
    y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
