// The Apollo Client 4 and urql 5 snippets of packages/client/README.md must type-check against the
// real libraries and the generated documents (a renamed field or enum breaks this test).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The ```ts blocks of the README whose first line is `// <tag>`. */
async function snippets(): Promise<Map<string, string>> {
  const md = await fs.readFile(path.join(ROOT, 'packages/client/README.md'), 'utf8');
  const out = new Map<string, string>();
  for (const m of md.matchAll(/```ts\n\/\/ ([\w-]+)\n([\s\S]*?)```/g)) out.set(m[1]!, m[2]!);
  return out;
}

describe('README snippets', () => {
  // Inside the repository so node_modules resolves; removed afterwards.
  const dir = path.join(ROOT, 'packages/client/.readme-check');
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('Apollo Client 4 and urql 5 snippets type-check', async () => {
    const found = await snippets();
    expect([...found.keys()].sort()).toEqual(['apollo-client-4', 'urql-5']);
    await fs.mkdir(dir, { recursive: true });
    for (const [tag, code] of found) await fs.writeFile(path.join(dir, `${tag}.ts`), `export {};\n${code}`);
    await fs.writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM'],
          types: ['node'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          // The package's sources stand in for its built dist/.
          paths: { '@klike/client': ['../src/index.ts'] },
        },
        include: ['*.ts'],
      }),
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = await run(process.execPath, [tsc, '-p', dir]).catch((e: { stdout: string; code: number }) => e);
    expect('stdout' in r ? r.stdout : '').toBe('');
  }, 120_000);

  it('a wrong field in a snippet fails the check (the check can fail)', async () => {
    const found = await snippets();
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'apollo-client-4.ts'), `export {};\n${found.get('apollo-client-4')!.replace('result?.score', 'result?.scor')}`);
    await fs.rm(path.join(dir, 'urql-5.ts'), { force: true });
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = await run(process.execPath, [tsc, '-p', dir]).then(() => ({ stdout: '' })).catch((e: { stdout: string }) => e);
    expect(r.stdout).toMatch(/scor/);
  }, 120_000);
});
