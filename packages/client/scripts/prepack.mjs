// Before `npm pack`/`publish`: the repository's schema and the persisted-documents manifest go
// into the package root (not committed twice), then the sources are compiled to dist/.
import { copyFile, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

const here = (p) => new URL(p, import.meta.url);
await copyFile(here('../../../schema.graphql'), here('../schema.graphql'));
await copyFile(here('../src/generated/persisted-documents.json'), here('../persisted-documents.json'));
await rm(here('../dist'), { recursive: true, force: true });
execFileSync(process.execPath, [new URL(import.meta.resolve('typescript/bin/tsc')).pathname, '-p', 'tsconfig.build.json'], { cwd: here('..'), stdio: 'inherit' });
