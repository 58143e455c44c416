// House rules a reader relies on, checked where a change breaks them (issue 10): no source file
// grows past 450 lines, so each one stays readable in one sitting; split along a real seam instead.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const MAX_LINES = 450;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** Lines as `wc -l` counts them (a last line without a newline counts too). */
function lineCount(text: string): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('house rules', () => {
  it(`no file under src/ is longer than ${MAX_LINES} lines`, async () => {
    const files = await sourceFiles(path.join(root, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const tooLong: string[] = [];
    for (const file of files) {
      const lines = lineCount(await fs.readFile(file, 'utf8'));
      if (lines > MAX_LINES) tooLong.push(`${path.relative(root, file)}: ${lines} lines`);
    }
    expect(tooLong).toEqual([]);
  });
});
