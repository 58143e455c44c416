// The one process runner, with real processes (node and sh): streaming, collecting, the stderr
// tail, abort, timeout, SIGKILL escalation, a binary that is not there, and pipes a grandchild keeps.
import { describe, expect, it } from 'vitest';
import { ProcessFailure, runProcess } from '../../src/datasources/process.js';

const NODE = process.execPath;
/** A child that would otherwise run for 30 s (and then exit, so a failed test leaks nothing for long). */
const LINGER = 'setTimeout(() => {}, 30_000);';

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

async function failure(p: Promise<unknown>): Promise<ProcessFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProcessFailure);
  return err as ProcessFailure;
}

describe('runProcess', () => {
  it('streams stdout as whole lines, the unterminated last one included, and collects nothing then', async () => {
    const lines: string[] = [];
    // "é" is written as its two bytes in separate writes: a line must not break inside a character.
    const script = `
      process.stdout.write('one\\ntw');
      process.stdout.write(Buffer.from([0x6f, 0x20, 0xc3]));
      setTimeout(() => { process.stdout.write(Buffer.from([0xa9, 0x0a])); process.stdout.write('three'); }, 20);`;
    const res = await runProcess(NODE, ['-e', script], { onStdoutLine: (l) => lines.push(l) });
    expect(lines).toEqual(['one', 'two é', 'three']);
    expect(res.stdout.length).toBe(0);
  });

  it('collects stdout as bytes, and hands chunks to onStdout instead when given', async () => {
    const script = 'process.stdout.write(Buffer.from(Array.from({ length: 256 }, (_, i) => i)))';
    const res = await runProcess(NODE, ['-e', script]);
    expect([...res.stdout]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(res.pid).toBeGreaterThan(0);

    const chunks: Buffer[] = [];
    const streamed = await runProcess('sh', ['-c', 'printf abc'], { onStdout: (c) => chunks.push(c) });
    expect(Buffer.concat(chunks).toString()).toBe('abc');
    expect(streamed.stdout.length).toBe(0);
  });

  it('keeps only a bounded stderr tail, while onStderrLine sees every line', async () => {
    const script = `for (let i = 0; i < 5000; i++) process.stderr.write('line ' + i + ' ' + 'x'.repeat(40) + '\\n'); process.stderr.write('last');`;
    const seen: string[] = [];
    const res = await runProcess(NODE, ['-e', script], { stderrTailChars: 1000, onStderrLine: (l) => seen.push(l) });
    expect(res.stderr.length).toBeLessThanOrEqual(1000);
    expect(res.stderr.endsWith('\nlast')).toBe(true);
    expect(seen).toHaveLength(5001);
    expect(seen[0]).toMatch(/^line 0 x+$/);

    const lines = await failure(
      runProcess('sh', ['-c', 'for i in 1 2 3 4 5; do echo "e$i" >&2; done; exit 2'], { stderrTailLines: 2 }),
    );
    expect(lines.stderr).toBe('e4\ne5');
  });

  it('reports a failed exit with its code, and a process killed from elsewhere with its signal', async () => {
    const f = await failure(runProcess('sh', ['-c', 'echo oops >&2; exit 3']));
    expect(f).toMatchObject({ reason: 'exit', exitCode: 3, stderr: 'oops\n', exit: { signal: null } });

    const k = await failure(runProcess('sh', ['-c', 'kill -KILL $$']));
    expect(k).toMatchObject({ reason: 'exit', exitCode: null, exit: { signal: 'SIGKILL' } });
  });

  it('stops the process on abort (SIGTERM), rejects with the reason as cause, and the child is gone', async () => {
    const ac = new AbortController();
    const why = new Error('user cancelled');
    const run = runProcess(NODE, ['-e', `console.log('ready'); ${LINGER}`], {
      signal: ac.signal,
      onStdoutLine: (l) => {
        if (l === 'ready') ac.abort(why);
      },
    });
    const f = await failure(run);
    expect(f).toMatchObject({ reason: 'aborted', exit: { signal: 'SIGTERM' } });
    expect(f.cause).toBe(why);
    expect(f.exit.pid).toBeGreaterThan(0);
    expect(alive(f.exit.pid!)).toBe(false);
  });

  it('does not start a process for a signal that is already aborted', async () => {
    const ac = new AbortController();
    ac.abort('early');
    const f = await failure(runProcess(NODE, ['-e', LINGER], { signal: ac.signal }));
    expect(f).toMatchObject({ reason: 'aborted', exit: { pid: null } });
    expect(f.cause).toBe('early');
  });

  it('stops the process past its time limit with reason timeout', async () => {
    const f = await failure(runProcess(NODE, ['-e', LINGER], { timeoutMs: 200, killSignal: 'SIGKILL' }));
    expect(f).toMatchObject({ reason: 'timeout', exit: { signal: 'SIGKILL' } });
    expect(alive(f.exit.pid!)).toBe(false);
  });

  it('sends SIGKILL to a child that ignores SIGTERM', async () => {
    const ac = new AbortController();
    const lines: string[] = [];
    // The child says "ready" once its SIGTERM handler is installed, and "term" when SIGTERM arrives.
    const script = `process.on('SIGTERM', () => console.log('term')); console.log('ready'); ${LINGER}`;
    const f = await failure(
      runProcess(NODE, ['-e', script], {
        signal: ac.signal,
        killGraceMs: 1000,
        onStdoutLine: (l) => {
          lines.push(l);
          if (l === 'ready') ac.abort();
        },
      }),
    );
    expect(lines).toEqual(['ready', 'term']);
    expect(f).toMatchObject({ reason: 'aborted', exit: { signal: 'SIGKILL' } });
    expect(alive(f.exit.pid!)).toBe(false);
  }, 10_000);

  it('reports a binary that is not there as reason spawn (ENOENT), with no pid', async () => {
    const f = await failure(runProcess('/nonexistent/klike-tool', ['-version']));
    expect(f).toMatchObject({ reason: 'spawn', errno: 'ENOENT', exit: { pid: null, exitCode: null } });
  });

  it('stops the process when a callback throws and rejects with that error', async () => {
    const bad = new Error('bad frame size');
    let pid = 0;
    const run = runProcess(NODE, ['-e', `console.log(process.pid); ${LINGER}`], {
      killSignal: 'SIGKILL',
      onStdoutLine: (l) => {
        pid = Number(l);
        throw bad;
      },
    });
    await expect(run).rejects.toBe(bad);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });

  it('ends when the child exits even if a grandchild keeps its pipes open', async () => {
    // sh exits at once; the background sleep still holds stdout and stderr.
    const run = runProcess('sh', ['-c', 'sleep 30 & echo $!'], { closeGraceMs: 300 });
    const res = await run;
    const grandchild = Number(res.stdout.toString().trim());
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(true);
    process.kill(grandchild, 'SIGKILL');
  }, 10_000);
});
