// Preloaded (NODE_OPTIONS=--import) into a child process and every worker thread it starts: any
// TCP/TLS connection (Unix sockets stay allowed), DNS lookup or non-file fetch throws and is reported on stderr as
// "NETWORK_ATTEMPT <thread> <what>", so a test can prove that code ran with the network unavailable.
import dns from 'node:dns';
import net from 'node:net';
import { isMainThread } from 'node:worker_threads';

const where = isMainThread ? 'main' : 'worker';
function attempt(what) {
  process.stderr.write(`NETWORK_ATTEMPT ${where} ${what}\n`);
  const e = new Error(`network unavailable: ${what}`);
  e.code = 'NETWORK_UNAVAILABLE';
  throw e;
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // Node passes its normalised [options, callback] pair; Unix sockets and pipes (tsx's IPC) are local.
  const o = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (o && typeof o === 'object' && o.path) return connect.apply(this, args);
  attempt(`connect ${o && typeof o === 'object' ? `${o.host ?? 'localhost'}:${o.port}` : String(o)}`);
};
dns.lookup = (host) => attempt(`dns ${host}`);
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = String(input?.url ?? input);
  if (!url.startsWith('file:') && !url.startsWith('data:')) attempt(`fetch ${url}`);
  return realFetch(input, init);
};
globalThis.__klikeNoNetwork = where;
