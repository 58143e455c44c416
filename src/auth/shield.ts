// graphql-shield 7.6.5's ESM build imports `isUndefined` from 'util', which Node 23+ removed, so it
// fails to link. Its CJS build reads the function at call time: load that, with the one-line
// polyfill it needs. graphql resolves to the same CJS build under Node either way (one realm).
import { createRequire } from 'node:module';
import util from 'node:util';

const u = util as unknown as { isUndefined?: (v: unknown) => boolean };
u.isUndefined ??= (v: unknown) => v === undefined;

const require = createRequire(import.meta.url);
const shieldModule = require('graphql-shield') as typeof import('graphql-shield');
// applyMiddleware must come from the same (CJS) graphql-middleware that shield's generator is built on.
export const { applyMiddleware } = require('graphql-middleware') as typeof import('graphql-middleware');
export const { shield, allow, deny, rule } = shieldModule;
