// Where ffmpeg and ffprobe are: the configured path, the PATH, beside the ffmpeg found, or the static
// build of an optional npm package; a clear error naming every way to install them when none is.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../errors.js';

export interface BinaryLookup {
  /**
   * Binary paths (config.media: FFMPEG_PATH, FFPROBE_PATH). Otherwise `ffmpeg`/`ffprobe` on PATH,
   * then (ffprobe only) the one next to the ffmpeg found, then the static builds of the optional
   * npm packages @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe.
   */
  ffmpegPath?: string;
  ffprobePath?: string;
  /** The PATH searched. (Default: process.env.PATH) */
  searchPath?: string;
  /** The npm packages tried last (tests name missing ones). (Default: @ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe) */
  npmPackages?: { ffmpeg: string; ffprobe: string };
}

/** Where a binary was found: its variable, the PATH, beside the ffmpeg found, or an npm package. */
export type BinarySource = 'FFMPEG_PATH' | 'FFPROBE_PATH' | 'PATH' | 'beside ffmpeg' | 'npm';

export interface Binaries {
  ffmpeg: string;
  ffprobe: string;
  ffmpegSource: BinarySource;
  ffprobeSource: BinarySource;
}

export async function locateBinaries(opts: BinaryLookup): Promise<Binaries> {
  const searchPath = opts.searchPath ?? process.env.PATH ?? '';
  const notes: string[] = [];
  const pkgs = opts.npmPackages ?? { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };
  const ffmpeg =
    (await configured('FFMPEG_PATH', opts.ffmpegPath)) ?? (await onPath('ffmpeg', searchPath)) ?? (await fromInstaller(pkgs.ffmpeg, notes));
  if (!ffmpeg) throw missingTool('ffmpeg', 'FFMPEG_PATH', pkgs.ffmpeg, notes);
  const sibling = path.join(path.dirname(ffmpeg.path), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
  const ffprobe =
    (await configured('FFPROBE_PATH', opts.ffprobePath)) ??
    (await onPath('ffprobe', searchPath)) ??
    ((await executable(sibling)) ? { path: sibling, source: 'beside ffmpeg' as const } : null) ??
    (await fromInstaller(pkgs.ffprobe, notes));
  if (!ffprobe) throw missingTool('ffprobe', 'FFPROBE_PATH', pkgs.ffprobe, notes);
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, ffmpegSource: ffmpeg.source, ffprobeSource: ffprobe.source };
}

interface Found {
  path: string;
  source: BinarySource;
}

/** A configured path must work: falling back silently would hide a misconfiguration. */
async function configured(variable: 'FFMPEG_PATH' | 'FFPROBE_PATH', value: string | undefined): Promise<Found | null> {
  if (!value) return null;
  if (await executable(value)) return { path: value, source: variable };
  throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `${variable}=${value} is not an executable file`, {
    details: { variable, tool: variable === 'FFMPEG_PATH' ? 'ffmpeg' : 'ffprobe' },
  });
}

async function onPath(name: string, searchPath: string): Promise<Found | null> {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (await executable(candidate)) return { path: candidate, source: 'PATH' };
    }
  }
  return null;
}

/**
 * The static build inside an optional npm package (installed by `npm ci` on the platforms they
 * ship for; absent elsewhere). Why one could not be used goes into `notes` for the error message.
 */
async function fromInstaller(pkg: string, notes: string[]): Promise<Found | null> {
  let p: string | undefined;
  try {
    const mod = (await import(pkg)) as { path?: string; default?: { path?: string } };
    p = mod.path ?? mod.default?.path;
  } catch (e) {
    // The package throws a string for a platform it has no build for.
    const notInstalled = e instanceof Error && (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    const why = e instanceof Error ? (notInstalled ? 'not installed' : e.message) : String(e);
    notes.push(`${pkg}: ${why}`);
    return null;
  }
  if (!p) return null;
  if (await executable(p)) return { path: p, source: 'npm' };
  // Its postinstall (`chmod u+x`) did not run: npm was told to skip install scripts.
  if (await isFile(p)) notes.push(`${p} is not executable (its install script did not run: \`chmod u+x ${p}\` or \`npm rebuild\`)`);
  return null;
}

async function executable(p: string): Promise<boolean> {
  try {
    await access(p, constants.X_OK);
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

function missingTool(tool: string, variable: string, pkg: string, notes: string[]): AppError {
  return new AppError(
    ErrorCode.INTERNAL_SERVER_ERROR,
    `${tool} not found: set ${variable}, put ${tool} on PATH (apt-get install ffmpeg) or install ${pkg}` +
      (notes.length ? ` (${notes.join('; ')})` : ''),
    { details: { tool, notes } },
  );
}

export async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
