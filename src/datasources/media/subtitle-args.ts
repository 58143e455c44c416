// Subtitle stream conversion command lines, as plain data (pure: see ./subtitles.ts for the run).
import { formatWhitelist, inputSource, isUrl, protocolWhitelist } from './args.js';

/** Text formats subtitle streams are converted to; both parse with src/analysis/captions.ts. */
export type SubtitleFormat = 'webvtt' | 'srt';

// ffmpeg decodes every text subtitle codec to ASS events internally, so any of these converts to
// WebVTT or SubRip; bitmap ones (dvd_subtitle, hdmv_pgs_subtitle, dvb_subtitle, xsub) cannot
// ("Subtitle encoding currently only possible from text to text or bitmap to bitmap").
const TEXT_SUBTITLE_CODECS = new Set([
  'mov_text',
  'subrip',
  'srt',
  'webvtt',
  'ass',
  'ssa',
  'text',
  'microdvd',
  'subviewer',
  'subviewer1',
  'sami',
  'realtext',
  'jacosub',
  'mpl2',
  'pjs',
  'stl',
  'vplayer',
  'eia_608',
]);

/** Whether ffmpeg can turn a subtitle stream with this codec (ffprobe's codec_name) into text. */
export function isTextSubtitleCodec(codec: string): boolean {
  return TEXT_SUBTITLE_CODECS.has(codec.toLowerCase());
}

/** The `error` of a caption track left unread because of MEDIA_MAX_SUBTITLE_STREAMS (the result's `unmeasured` names them). */
export const SUBTITLE_LIMIT_ERROR = 'not read: the file has more text subtitle streams than are read';

export interface ExtractSubtitlesArgsOptions {
  /** (Default: 'webvtt') */
  format?: SubtitleFormat;
}

/**
 * Converts the streamIndex-th subtitle stream (`0:s:N`, counting subtitle streams only, in the
 * order ffprobe lists them) to WebVTT or SubRip text. Demuxes only: nothing else is decoded.
 */
export function extractSubtitlesArgs(input: string, streamIndex: number, output: string, opts: ExtractSubtitlesArgsOptions = {}): string[] {
  return extractSubtitleStreamsArgs(input, [{ streamIndex, output }], opts);
}

/**
 * Several subtitle streams in one run: one demux of the input, one output per stream (`-map 0:s:N`
 * … file), so N streams cost one read of the file instead of N.
 */
export function extractSubtitleStreamsArgs(
  input: string,
  targets: ReadonlyArray<{ streamIndex: number; output: string }>,
  opts: ExtractSubtitlesArgsOptions = {},
): string[] {
  if (!targets.length) throw new RangeError('extractSubtitleStreamsArgs: no streams');
  const format = opts.format ?? 'webvtt';
  if (format !== 'webvtt' && format !== 'srt') throw new RangeError(`format must be webvtt or srt, got ${String(format)}`);
  const outputs: string[] = [];
  for (const { streamIndex, output } of targets) {
    if (!Number.isInteger(streamIndex) || streamIndex < 0) throw new RangeError(`streamIndex must be an integer ≥ 0, got ${streamIndex}`);
    outputs.push(
      '-map',
      `0:s:${streamIndex}`,
      '-map_metadata',
      '-1',
      '-c:s',
      format,
      '-f',
      format,
      // An output path starting with "-" would read as an option too.
      !isUrl(output) && output.startsWith('-') ? `file:${output}` : output,
    );
  }
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'error',
    '-y',
    '-protocol_whitelist',
    protocolWhitelist(input),
    ...formatWhitelist(),
    '-i',
    inputSource(input),
    ...outputs,
  ];
}
