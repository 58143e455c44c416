// Inline SVG pieces of the report (pure: data in, markup out). No script, no external reference.
import { esc } from './escape.js';

const fmt1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** A ring filled to score/100, the score in its middle. */
export function scoreRing(score: number, grade: string, color: string): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * c;
  return `<svg class="ring" viewBox="0 0 128 128" role="img" aria-label="${esc(`${score} / 100, ${grade}`)}">
  <circle cx="64" cy="64" r="${r}" fill="none" stroke="#e7e9f0" stroke-width="12"/>
  <circle cx="64" cy="64" r="${r}" fill="none" stroke="${color}" stroke-width="12" stroke-linecap="round"
    stroke-dasharray="${filled.toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 64 64)"/>
  <text x="64" y="64" text-anchor="middle" class="ring-score" data-testid="score">${score}</text>
  <text x="64" y="88" text-anchor="middle" class="ring-grade">${esc(grade)}</text>
</svg>`;
}

export interface LoudnessChartInput {
  /** Short-term LUFS at the end of each step (null: not yet measurable). */
  timeline: Array<number | null>;
  stepSeconds: number;
  durationSeconds: number;
  /** Horizontal lines: the platforms' playback targets. */
  targets: Array<{ lufs: number; label: string }>;
  /** Cut times, drawn as faint verticals so loudness jumps can be matched to edits. */
  cuts: number[];
}

/** Short-term loudness as a line over time, with the target lines; the y axis spans −60..0 LUFS. */
export function loudnessChart(input: LoudnessChartInput): string {
  const W = 760;
  const H = 240;
  const pad = { l: 46, r: 16, t: 14, b: 30 };
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const [yMin, yMax] = [-60, 0];
  const duration = Math.max(input.durationSeconds, input.timeline.length * input.stepSeconds, 1);
  const x = (t: number) => pad.l + (Math.min(t, duration) / duration) * iw;
  const y = (v: number) => pad.t + ((yMax - Math.max(yMin, Math.min(yMax, v))) / (yMax - yMin)) * ih;
  const grid: string[] = [];
  for (let v = yMin; v <= yMax; v += 10) {
    grid.push(
      `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${pad.l - 8}" y="${y(v) + 4}" text-anchor="end" class="axis">${v}</text>`,
    );
  }
  const tick = duration <= 15 ? 1 : duration <= 60 ? 5 : duration <= 300 ? 30 : 60;
  for (let t = 0; t <= duration + 1e-9; t += tick) {
    grid.push(`<text x="${x(t)}" y="${H - 10}" text-anchor="middle" class="axis">${t}s</text>`);
  }
  const cuts = input.cuts.map((c) => `<line x1="${x(c)}" x2="${x(c)}" y1="${pad.t}" y2="${pad.t + ih}" class="cut"/>`).join('');
  // Runs of measured points become separate paths: a gap stays a gap.
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  input.timeline.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([x((i + 1) * input.stepSeconds), y(v)]);
  });
  if (run.length) runs.push(run);
  const line = runs.map((r) => `<path d="M${r.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' L')}" class="lufs"/>`).join('');
  const area = runs
    .filter((r) => r.length > 1)
    .map(
      (r) =>
        `<path d="M${r[0]![0].toFixed(1)},${pad.t + ih} L${r.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' L')} L${r.at(-1)![0].toFixed(1)},${pad.t + ih} Z" class="lufs-area"/>`,
    )
    .join('');
  const dots = runs
    .filter((r) => r.length === 1)
    .map((r) => `<circle cx="${r[0]![0]}" cy="${r[0]![1]}" r="3" class="lufs-dot"/>`)
    .join('');
  const targets = input.targets
    .map(
      (t, i) =>
        `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(t.lufs)}" y2="${y(t.lufs)}" class="target"/>` +
        `<text x="${W - pad.r - 4}" y="${y(t.lufs) - 6 - i * 14}" text-anchor="end" class="target-label">${esc(t.label)} ${fmt1(t.lufs)} LUFS</text>`,
    )
    .join('');
  return `<svg class="chart" data-testid="loudness-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="LUFS">
  <defs><linearGradient id="lufsFill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5b6cff" stop-opacity="0.35"/><stop offset="1" stop-color="#5b6cff" stop-opacity="0.02"/></linearGradient></defs>
  ${grid.join('')}${cuts}${area}${line}${dots}${targets}
  <text x="12" y="${pad.t + ih / 2}" transform="rotate(-90 12 ${pad.t + ih / 2})" text-anchor="middle" class="axis">LUFS</text>
</svg>`;
}

/** The video's length as a bar split at each cut. */
export function shotBar(shots: Array<{ start: number; end: number }>, duration: number): string {
  const W = 760;
  const d = Math.max(duration, shots.at(-1)?.end ?? 0, 0.001);
  const rects = shots
    .map(
      (s, i) =>
        `<rect x="${((s.start / d) * W).toFixed(1)}" y="0" width="${Math.max(1, ((s.end - s.start) / d) * W - 2).toFixed(1)}" height="14" rx="3" class="${i % 2 ? 'shot-b' : 'shot-a'}"/>`,
    )
    .join('');
  return `<svg class="shotbar" viewBox="0 0 ${W} 14" preserveAspectRatio="none" role="img" aria-label="shots">${rects}</svg>`;
}

export interface Box {
  /** Fractions of the frame, 0..1. */
  x: number;
  y: number;
  w: number;
  h: number;
  label: string | null;
  /** Key of a still this box is already drawn on (perception stores such stills): not drawn again there. */
  drawnOn: string | null;
}

/** Boxes over a still, drawn in frame fractions so any still size fits. */
export function boxOverlay(boxes: Box[]): string {
  if (!boxes.length) return '';
  const shapes = boxes
    // A dark halo under the yellow outline keeps the box visible on light and dark frames alike.
    .map(
      (b) =>
        `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" class="box-halo" vector-effect="non-scaling-stroke"/><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" class="box" vector-effect="non-scaling-stroke"/>`,
    )
    .join('');
  return `<svg class="boxes" data-testid="evidence-boxes" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">${shapes}</svg>`;
}
