// What this ffmpeg build can do (version, the analysis filters, `-fps_mode`), asked once at start-up,
// and what the one-pass analysis loses without a missing filter.
import { ErrorCode } from '../../errors.js';
import { ANALYSIS_FILTERS, hasFpsModeOption, type AnalysisFilter } from './analysis-args.js';
import { parseFilterList, parseVersion } from './args.js';
import type { Binaries, BinarySource } from './binaries.js';
import { runCollect, toolError } from './process.js';

export interface MediaCapabilities {
  /** e.g. "5.1.9-0+deb12u1"; null when the banner could not be read. */
  version: string | null;
  ffmpegPath: string;
  ffprobePath: string;
  ffmpegSource: BinarySource;
  ffprobeSource: BinarySource;
  filters: Record<AnalysisFilter, boolean>;
  /** Takes per-output `-fps_mode` (ffmpeg ≥ 5.1); older builds get `-vsync 0`. */
  fpsMode: boolean;
  /** What the analysis does without the missing filters, for the start-up log; empty when complete. */
  limitations: string[];
}

/** What the one-pass analysis loses or replaces when a filter is missing. */
const FILTER_LIMITATIONS: Record<AnalysisFilter, string> = {
  scdet: "no scdet filter: scene cuts use the equivalent select='gt(scene,…)' with showinfo",
  ebur128: 'no ebur128 filter: loudness (LUFS, true peak) is not measured',
  silencedetect: 'no silencedetect filter: silences and the silent opening are not measured',
  blackdetect: 'no blackdetect filter: black segments are not measured',
  freezedetect: 'no freezedetect filter: frozen segments are not measured',
  select: 'no select filter: thumbnails are not taken (and, without scdet too, no scene cuts)',
};

export function describeLimitations(filters: Record<AnalysisFilter, boolean>): string[] {
  return ANALYSIS_FILTERS.filter((f) => !filters[f]).map((f) => FILTER_LIMITATIONS[f]);
}

/** Asks the build for its filter table and options; `disabled` filters count as missing (tests of the fallbacks). */
export async function readCapabilities(bins: Binaries, disabled: ReadonlySet<AnalysisFilter>): Promise<MediaCapabilities> {
  // Banner (with the version) goes to stderr, the filter table to stdout.
  const [list, help] = await Promise.all([
    runCollect(bins.ffmpeg, ['-filters'], { timeoutMs: 15_000 }),
    runCollect(bins.ffmpeg, ['-hide_banner', '-h', 'long'], { timeoutMs: 15_000 }),
  ]).catch((err: unknown) => {
    throw toolError(err, 'ffmpeg', ErrorCode.INTERNAL_SERVER_ERROR);
  });
  const names = parseFilterList(list.stdout);
  const filters = Object.fromEntries(ANALYSIS_FILTERS.map((f) => [f, names.has(f) && !disabled.has(f)])) as Record<AnalysisFilter, boolean>;
  return {
    version: parseVersion(list.stderr),
    ffmpegPath: bins.ffmpeg,
    ffprobePath: bins.ffprobe,
    ffmpegSource: bins.ffmpegSource,
    ffprobeSource: bins.ffprobeSource,
    filters,
    fpsMode: hasFpsModeOption(help.stdout),
    limitations: describeLimitations(filters),
  };
}
