// A PATH like this process's with some programs taken out (a machine without ffmpeg or
// pocketsphinx): one directory of symlinks to every other executable the PATH reaches, the first
// of each name winning as it would in a shell lookup.
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Returns the new PATH (a single directory) and a function removing it. */
export function pathWithout(excluded: (name: string) => boolean, source = process.env.PATH ?? ''): { PATH: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'klike-path-'));
  const seen = new Set<string>();
  for (const d of source.split(path.delimiter).filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const name of names) {
      if (seen.has(name) || excluded(name)) continue;
      const target = path.join(d, name);
      try {
        const st = statSync(target);
        if (!st.isFile() || !(st.mode & 0o111)) continue;
      } catch {
        continue;
      }
      seen.add(name);
      symlinkSync(target, path.join(dir, name));
    }
  }
  return { PATH: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** ffmpeg, ffprobe and pocketsphinx's programs: what a fresh machine with only Node lacks. */
export const MEDIA_AND_SPEECH_TOOLS = (name: string) => /^(ffmpeg|ffprobe|ffplay)$/.test(name) || name.startsWith('pocketsphinx');
