// A speech engine that holds the TRANSCRIBING stage until the test releases it, so a task is
// reliably running while a client subscribes, reconnects or cancels.
import type { Transcriber, TranscribeInput } from '../../src/analysis/ports.js';
import type { Transcript } from '../../src/domain/transcript.js';

export class GatedTranscriber implements Transcriber {
  readonly name = 'gated';
  /** Resolves when a task reaches the stage (reset by `release`). */
  started!: Promise<void>;
  private markStarted!: () => void;
  private gate!: Promise<void>;
  private open!: () => void;

  constructor() {
    this.reset();
  }

  private reset(): void {
    this.started = new Promise((r) => (this.markStarted = r));
    this.gate = new Promise((r) => (this.open = r));
  }

  /** Lets the waiting task go on (with no transcript) and re-arms the gate for the next one. */
  release(): void {
    const open = this.open;
    this.reset();
    open();
  }

  async transcribe(input: TranscribeInput): Promise<Transcript> {
    const gate = this.gate;
    this.markStarted();
    await new Promise<void>((resolve, reject) => {
      void gate.then(resolve);
      input.signal.addEventListener('abort', () => reject(input.signal.reason), { once: true });
    });
    return { available: false, engine: null, reason: 'gated test engine' };
  }
}
