// ffmpeg/ffprobe command lines as plain data: how user input is opened (whitelists) and the probe;
// and parsers for what the tools print. Pure: nothing here runs a process, so every
// argument decision is unit-tested without ffmpeg (see ./process.ts for that). The subtitle and
// one-pass analysis command lines are in ./subtitle-args.ts and ./analysis-args.ts.

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isUrl(input: string): boolean {
  return URL_SCHEME.test(input);
}

/** A local path that starts with `-` would be read as an option; `file:` makes it a path again. */
export function inputSource(input: string): string {
  return !isUrl(input) && input.startsWith('-') ? `file:${input}` : input;
}

/**
 * Uploads are untrusted: a playlist disguised as a video can make ffmpeg open other URLs or local
 * files, so a local input may only read files and a remote one only HTTP(S).
 */
export function protocolWhitelist(input: string): string {
  return isUrl(input) ? 'http,https,tcp,tls' : 'file';
}

/**
 * The demuxers an upload may be opened with: the containers behind UPLOAD_CONTENT_TYPES (MP4 and
 * QuickTime, Matroska and WebM, AVI, MPEG program and transport streams). ffmpeg matches any name of
 * a demuxer's list ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"). Everything else is refused before
 * it reads a byte more than its probe: playlists (hls, dash), concat scripts, image sequences
 * (image2, *_pipe), which would otherwise open other files: an HLS playlist's segment is a file, so
 * `-protocol_whitelist file` alone lets it read another user's upload (issue 15).
 */
export const UPLOAD_FORMATS = ['mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'avi', 'mpeg', 'mpegts'] as const;

/** `-format_whitelist` for user input (an input option: it must come before `-i`). */
export function formatWhitelist(formats: readonly string[] = UPLOAD_FORMATS): string[] {
  return ['-format_whitelist', formats.join(',')];
}

/** ffmpeg/ffprobe refused the input's demuxer because it is not on the whitelist. */
export function isFormatRefusal(stderr: string): boolean {
  return /Format not on whitelist/i.test(stderr);
}

export interface ProbeArgsOptions {
  /** Demuxers allowed to open the input. (Default: UPLOAD_FORMATS; our own outputs pass e.g. ['wav']) */
  formats?: readonly string[];
  /**
   * Count packets (`-count_packets`): reads the whole file without decoding, so VFR can be told from
   * Matroska/WebM, whose headers carry only nominal rates. (Default: false)
   */
  countPackets?: boolean;
}

export function probeArgs(input: string, opts: ProbeArgsOptions = {}): string[] {
  return [
    '-v',
    'error',
    '-protocol_whitelist',
    protocolWhitelist(input),
    ...formatWhitelist(opts.formats),
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    ...(opts.countPackets ? ['-count_packets'] : []),
    inputSource(input),
  ];
}

export interface ProgressUpdate {
  /** Media time written so far; null while ffmpeg reports N/A. */
  outTimeSeconds: number | null;
  /** True for the last block (`progress=end`). */
  done: boolean;
}

/**
 * Parses ffmpeg `-progress` output: blocks of key=value lines, each closed by `progress=continue|end`.
 * Chunks from a pipe split anywhere, so the unfinished tail comes back as `rest` to prepend to the
 * next chunk.
 */
export function parseProgress(buffer: string): { updates: ProgressUpdate[]; rest: string } {
  const updates: ProgressUpdate[] = [];
  let block: Record<string, string> = {};
  let consumed = 0;
  let pos = 0;
  for (;;) {
    const nl = buffer.indexOf('\n', pos);
    if (nl < 0) break;
    const line = buffer.slice(pos, nl).trim();
    pos = nl + 1;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    block[key] = value;
    if (key === 'progress') {
      updates.push({ outTimeSeconds: blockOutTime(block), done: value === 'end' });
      block = {};
      consumed = pos;
    }
  }
  return { updates, rest: buffer.slice(consumed) };
}

function blockOutTime(block: Record<string, string>): number | null {
  // out_time_us is exact; out_time_ms is also microseconds (an old ffmpeg misnomer). Before the first
  // packet ffmpeg prints N/A or a large negative time.
  const us = block.out_time_us ?? block.out_time_ms;
  if (us !== undefined && /^-?\d+$/.test(us)) return Number(us) >= 0 ? Number(us) / 1e6 : null;
  const t = block.out_time === undefined ? null : parseTimestamp(block.out_time);
  return t === null || t < 0 ? null : t;
}

/** `HH:MM:SS.frac` (as in `Duration:` lines and `out_time`) to seconds; null for N/A or junk. */
export function parseTimestamp(text: string): number | null {
  const m = /^(-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text.trim());
  if (!m) return null;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

/**
 * Filter names from `ffmpeg -filters` stdout. Lines look like ` T.C scdet  V->V  Detect…`; the I/O
 * column may be N (dynamic) as in `ebur128 A->N`, which fluent-ffmpeg's own parser drops.
 */
export function parseFilterList(stdout: string): Set<string> {
  const names = new Set<string>();
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s*[A-Z.]{3}\s+(\S+)\s+[AVN|]+->[AVN|]+\s/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

/** The version from the banner's first line (`ffmpeg version 5.1.9-0+deb12u1 Copyright…`). */
export function parseVersion(banner: string): string | null {
  return /(?:ffmpeg|ffprobe) version (\S+)/.exec(banner)?.[1] ?? null;
}

/**
 * ffmpeg exits 0 on an MP4 cut short after its index: the demuxer logs "partial file" and the
 * output simply ends early, so this line is the only sign of a truncated upload.
 */
export function isTruncationMessage(stderrLine: string): boolean {
  return /offset 0x[0-9a-f]+: partial file/i.test(stderrLine);
}

/**
 * Why ffmpeg/ffprobe could not open an input, from its stderr: the file is gone ('missing'), the
 * store did not serve it ('unreachable': worth a retry), or null when the bytes themselves are the
 * problem.
 */
export function classifyInputFailure(stderr: string): 'missing' | 'unreachable' | null {
  if (/No such file or directory|Server returned 404/i.test(stderr)) return 'missing';
  // ffmpeg prints every 5xx as "5XX Server Error reply". 401/403 included: an expired presigned URL
  // works again once the stage re-signs it.
  if (
    /Connection refused|Connection reset|timed out|Network is unreachable|Server returned (?:5XX|401|403)|Input\/output error/i.test(stderr)
  ) {
    return 'unreachable';
  }
  return null;
}
