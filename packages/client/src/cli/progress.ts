// Terminal rendering: one bar for the upload, then one bar per pipeline stage driven by the task's
// events, redrawn in place (ANSI cursor movement) on a TTY.
import type { TaskEvent } from '../client.js';

/**
 * The pipeline's stages and the overall progress at which each starts; mirrors PROGRESS_BASE in the
 * server's src/pipeline/machine.ts (a test in the repository checks they agree).
 */
export const STAGES = [
  { status: 'QUEUED', label: 'Queued', base: 0 },
  { status: 'PROCESSING', label: 'Processing', base: 5 },
  { status: 'EXTRACTING_AUDIO', label: 'Measuring media', base: 15 },
  { status: 'TRANSCRIBING', label: 'Transcribing', base: 40 },
  { status: 'ANALYZING_AI', label: 'Analysing', base: 60 },
  { status: 'GENERATING_RECOMMENDATIONS', label: 'Recommendations', base: 85 },
] as const;
const END = 100;

/** Percent (0–100) of each stage's own span, from the latest event. */
export function stagePercents(event: Pick<TaskEvent, 'status' | 'progress'> | undefined): number[] {
  if (!event) return STAGES.map(() => 0);
  if (event.status === 'COMPLETED') return STAGES.map(() => 100);
  const current = STAGES.findIndex((s) => s.status === event.status);
  return STAGES.map((s, i) => {
    const end = STAGES[i + 1]?.base ?? END;
    if (current === -1) {
      // FAILED/CANCELLED: stages before the progress reached are done, the one it stopped in partial.
      if (event.progress >= end) return 100;
      return event.progress <= s.base ? 0 : Math.floor(((event.progress - s.base) / (end - s.base)) * 100);
    }
    if (i < current) return 100;
    if (i > current) return 0;
    return Math.max(0, Math.min(99, Math.floor(((event.progress - s.base) / (end - s.base)) * 100)));
  });
}

export function bar(percent: number, width = 24): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The stage lines for an event (no colours: they must read the same in a log). */
export function stageLines(event: TaskEvent | undefined): string[] {
  const pcts = stagePercents(event);
  const current = event ? STAGES.findIndex((s) => s.status === event.status) : -1;
  return STAGES.map((s, i) => {
    const mark = pcts[i] === 100 ? '✓' : i === current ? '›' : ' ';
    return `${mark} ${pad(s.label, 16)} ${bar(pcts[i]!)} ${String(pcts[i]).padStart(3)}%`;
  });
}

/** Redraws a block of lines in place on a TTY stream. */
export class LiveBlock {
  private drawn = 0;
  constructor(private readonly out: NodeJS.WriteStream) {}
  draw(lines: string[]): void {
    let s = this.drawn ? `\x1b[${this.drawn}F` : '';
    for (const l of lines) s += `\x1b[2K${l}\n`;
    this.out.write(s);
    this.drawn = lines.length;
  }
  /** Keeps what is drawn and starts a new block below it. */
  done(): void {
    this.drawn = 0;
  }
}
