#!/usr/bin/env node
// The `klike` command. A clone of the repository (`npx klike` after `npm ci`) runs the TypeScript
// sources through tsx, so it is never a stale build; an installed package runs its compiled dist/.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli.ts', import.meta.url);
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(src.href);
} else {
  await import(new URL('../dist/cli.js', import.meta.url).href);
}
