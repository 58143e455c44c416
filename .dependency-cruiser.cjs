// Import cycles, type-only imports included (eslint's import-x/no-cycle skips `import type`, and a
// type cycle is still two modules that cannot be read apart). The layer rules live in eslint.config.js.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Modules import in one direction: move the shared type to the lower module or to src/domain.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
