// whisper.cpp is an optional install with a user-supplied model: what we can check here is the
// loading contract and the conversion of its output (its times are centiseconds).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WhisperCppTranscriber, WHISPER_PACKAGE, toTranscript } from '../../../src/datasources/speech/whisper-cpp.js';
import { ConfigError } from '../../../src/config.js';

describe('whisper.cpp engine', () => {
  it('names the missing model file', async () => {
    await expect(WhisperCppTranscriber.load({ modelPath: '/nonexistent/ggml-base.bin' })).rejects.toThrow(/WHISPER_MODEL_PATH: no model file/);
  });

  it('names the package to install when the binding is absent', async () => {
    const model = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'klike-whisper-')), 'ggml.bin');
    await fs.writeFile(model, 'not really a model');
    const err = await WhisperCppTranscriber.load({ modelPath: model }, async () => {
      throw new Error(`Cannot find package '${WHISPER_PACKAGE}'`);
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err.message)).toContain(`npm install ${WHISPER_PACKAGE}`);
  });

  it('transcribes through the binding, converting centiseconds and dropping blank markers', async () => {
    const model = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'klike-whisper-')), 'ggml.bin');
    await fs.writeFile(model, 'x');
    const calls: string[] = [];
    const fake = {
      initWhisper: async () => ({
        transcribeFile: (p: string) => {
          calls.push(p);
          return { stop: async () => {}, promise: Promise.resolve({ language: 'pt', result: '', isAborted: false, segments: [{ text: ' Olá ', t0: 150, t1: 320 }, { text: '[BLANK_AUDIO]', t0: 320, t1: 500 }] }) };
        },
        release: async () => {},
      }),
    };
    const t = await WhisperCppTranscriber.load({ modelPath: model }, async () => fake);
    const out = await t.transcribe({ audioPath: '/tmp/a.wav', durationSeconds: 5, signal: new AbortController().signal });
    expect(calls).toEqual(['/tmp/a.wav']);
    expect(out).toEqual({ available: true, engine: 'whisper.cpp', language: 'pt', text: 'Olá', segments: [{ start: 1.5, end: 3.2, text: 'Olá', confidence: null }] });
    expect(toTranscript({ result: '', isAborted: false, segments: [] }, 'en').language).toBe('en');
  });
});
