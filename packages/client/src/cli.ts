// Entry point of the `klike` bin (see ../bin/klike.js).
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
// Nothing else may keep the process alive (a closing WebSocket, a paused stdin).
process.exit();
