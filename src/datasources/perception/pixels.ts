// Pixel work on raw RGB frames (pure, no I/O): the colour masks OCR reads, a tiny grey copy to tell
// whether the picture changed, and PNM encodings tesseract reads without a decoder.

/**
 * Caption text is almost always white or yellow, usually with an outline or shadow. On a busy photo
 * tesseract's own binarisation loses it; a mask of just those pixels (black on white) is read
 * cleanly. Measured on 1080×1920 frames: 18/26 words raw, 24/26 with the two masks, and no junk.
 */
export const MASKS = {
  /** Bright and unsaturated: every channel above `min`, spread at most `maxSpread`. */
  white: { min: 190, maxSpread: 40 },
  /** Red and green high, blue low. */
  yellow: { minRed: 170, minGreen: 150, maxBlue: 110, minRedMinusBlue: 90 },
} as const;

export type MaskKind = 'white' | 'yellow';

/** A one-channel image: 0 where the colour is (ink), 255 elsewhere (paper). */
export function colourMask(rgb: Uint8Array, width: number, height: number, kind: MaskKind): Uint8Array {
  const n = width * height;
  if (rgb.length < n * 3) throw new RangeError(`frame too short: ${rgb.length} bytes for ${width}×${height}`);
  const out = new Uint8Array(n);
  const W = MASKS.white;
  const Y = MASKS.yellow;
  for (let i = 0, j = 0; j < n; i += 3, j++) {
    const r = rgb[i]!,
      g = rgb[i + 1]!,
      b = rgb[i + 2]!;
    let on: boolean;
    if (kind === 'white') {
      const hi = r > g ? (r > b ? r : b) : g > b ? g : b;
      const lo = r < g ? (r < b ? r : b) : g < b ? g : b;
      on = lo > W.min && hi - lo < W.maxSpread;
    } else {
      on = r > Y.minRed && g > Y.minGreen && b < Y.maxBlue && r - b > Y.minRedMinusBlue;
    }
    out[j] = on ? 0 : 255;
  }
  return out;
}

/** Share of ink pixels in a mask: an empty mask is not worth an OCR pass. */
export function inkShare(mask: Uint8Array): number {
  let ink = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 0) ink++;
  return mask.length ? ink / mask.length : 0;
}

/** Luma averaged over blocks: a small grey copy (`cols` wide) for change detection. */
export function greyThumb(rgb: Uint8Array, width: number, height: number, cols = 32): { data: Float32Array; cols: number; rows: number } {
  const c = Math.max(1, Math.min(cols, width));
  const rows = Math.max(1, Math.round((height / width) * c));
  const sum = new Float64Array(c * rows);
  const count = new Uint32Array(c * rows);
  for (let y = 0; y < height; y++) {
    const ty = Math.min(rows - 1, Math.floor((y * rows) / height));
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const t = ty * c + Math.min(c - 1, Math.floor((x * c) / width));
      sum[t]! += 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
      count[t]!++;
    }
  }
  const data = new Float32Array(c * rows);
  for (let t = 0; t < data.length; t++) data[t] = count[t] ? sum[t]! / count[t]! : 0;
  return { data, cols: c, rows };
}

/**
 * The largest difference of one block between two grey thumbnails, 0..255 (Infinity when their
 * shapes differ). The largest, not the mean: a caption swap changes a few blocks a lot and the
 * rest not at all.
 */
export function thumbDifference(a: { data: Float32Array }, b: { data: Float32Array }): number {
  if (a.data.length !== b.data.length || !a.data.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(a.data[i]! - b.data[i]!));
  return d;
}

export function pgm(gray: Uint8Array, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), gray]);
}

export function ppm(rgb: Uint8Array, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`, 'latin1'), rgb.subarray(0, width * height * 3)]);
}

/**
 * The frame shrunk (area average) into a `side`×`side` square, centred on black: detectors take a
 * square input and squash anything else. `map` takes a box in the square back to the frame.
 */
export function letterbox(
  rgb: Uint8Array,
  width: number,
  height: number,
  side: number,
): { data: Uint8Array; side: number; scale: number; offsetX: number; offsetY: number } {
  const k = Math.min(1, side / Math.max(width, height));
  const S = Math.max(1, Math.round(Math.max(width, height) * k));
  const w = Math.max(1, Math.round(width * k)),
    h = Math.max(1, Math.round(height * k));
  const offsetX = Math.floor((S - w) / 2),
    offsetY = Math.floor((S - h) / 2);
  const out = new Uint8Array(S * S * 3);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h),
      y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w),
        x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      let r = 0,
        g = 0,
        b = 0,
        n = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * width + xx) * 3;
          r += rgb[i]!;
          g += rgb[i + 1]!;
          b += rgb[i + 2]!;
          n++;
        }
      }
      const o = ((y + offsetY) * S + x + offsetX) * 3;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return { data: out, side: S, scale: w / width, offsetX, offsetY };
}
