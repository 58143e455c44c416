// Writes schema.graphql from the code-first schema (npm run schema:emit).
import fs from 'node:fs/promises';
import { buildBaseSchema, printSdl } from '../schema.js';

const sdl = printSdl(await buildBaseSchema());
await fs.writeFile(new URL('../../schema.graphql', import.meta.url), sdl);
console.log(`schema.graphql written (${sdl.length} bytes)`);
