// `npm run doctor [-- --json]`: checks what `npm start` needs and what it would run on, starting
// nothing. Exit 0 when it can run (warnings name the optional parts missing), 1 when a check fails,
// 2 for invalid configuration. See src/ops/doctor.ts.
import { loadConfig } from '../config.js';
import { formatDoctor, runDoctor } from '../ops/doctor.js';

const json = process.argv.includes('--json');
let config;
try {
  config = loadConfig();
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  if (json) process.stdout.write(JSON.stringify({ ok: false, checks: [{ name: 'configuration', status: 'fail', detail: reason }] }) + '\n');
  else
    process.stdout.write(
      `klike doctor\n\n  FAIL  configuration   ${reason.replace(/\n/g, '\n        ')}\n\nnot ready: fix the configuration (see the README's table)\n`,
    );
  process.exit(2);
}
const report = await runDoctor(config);
process.stdout.write(json ? JSON.stringify(report) + '\n' : formatDoctor(report));
process.exit(report.ok ? 0 : 1);
