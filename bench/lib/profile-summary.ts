// Summarises a V8 .cpuprofile: self time by package (node_modules/<pkg>, our src/, node internals)
// and the top functions. Usage: tsx bench/lib/profile-summary.ts FILE.cpuprofile
import fs from 'node:fs';

const prof = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const bucket = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes('/src/')) return 'klike ' + url.slice(url.indexOf('/src/') + 1);
  return url ? 'node:' + url.replace(/^node:/, '') : '(native/gc/idle)';
};
const pkgs = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const b = bucket(n.callFrame.url);
  pkgs.set(b, (pkgs.get(b) ?? 0) + t);
  const k = `${n.callFrame.functionName || '(anon)'} ${b}:${n.callFrame.lineNumber}`;
  fns.set(k, (fns.get(k) ?? 0) + t);
}
const top = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`total ${(total / 1e6).toFixed(2)} s sampled\n-- by package --\n${top(pkgs, 25)}\n-- by function --\n${top(fns, 30)}`);
