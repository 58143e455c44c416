// Chooses the analysis engines from config. Offline rules are always available; paid engines are
// switched on by their API keys; speech prefers a configured provider, then the installed
// offline recogniser. With AI_FALLBACK=offline (the default) a provider that fails after its retries
// is replaced, for that task, by the offline engine, and the result says so.
import { ConfigError, type Config } from './config.js';
import type { Logger } from './logger.js';
import { ErrorCode, isAppError } from './errors.js';
import type { CreativeAnalyzer, Recommender, Transcriber } from './analysis/ports.js';
import { OfflineAnalyzer, OfflineRecommender, UnavailableTranscriber } from './analysis/offline.js';
import { PocketsphinxTranscriber } from './datasources/speech/pocketsphinx.js';
import { WhisperCppTranscriber } from './datasources/speech/whisper-cpp.js';
import { GeminiAnalyzer, GeminiTranscriber } from './datasources/ai/gemini.js';
import { OpenAIRecommender, OpenAITranscriber } from './datasources/ai/openai.js';

export interface AiEngines {
  transcriber: Transcriber;
  analyzer: CreativeAnalyzer;
  recommender: Recommender;
}

export async function createAiEngines(config: Config, logger: Logger): Promise<AiEngines> {
  const { gemini, openai, fallback, retry, timeoutMs } = config.ai;
  // AI_RETRIES, AI_RETRY_BASE_DELAY_MS, AI_TIMEOUT_MS; the engines' defaults for the rest.
  const calls = { retry, timeoutMs };
  const offlineSpeech = await createOfflineTranscriber(config, logger);
  const fb = fallback === 'offline';
  let transcriber: Transcriber = offlineSpeech;
  const choice = config.speech.transcriber;
  if ((choice === 'auto' || choice === 'openai') && openai) {
    transcriber = new OpenAITranscriber({
      apiKey: openai.apiKey,
      baseUrl: openai.baseUrl,
      model: openai.transcriptionModel,
      logger,
      ...calls,
    });
  } else if ((choice === 'auto' || choice === 'gemini') && gemini) {
    transcriber = new GeminiTranscriber({ apiKey: gemini.apiKey, baseUrl: gemini.baseUrl, model: gemini.model, logger, ...calls });
  } else if (choice === 'openai' || choice === 'gemini') {
    throw new ConfigError(
      `Invalid configuration:\n  TRANSCRIBER: ${choice} needs ${choice === 'openai' ? 'OPENAI_API_KEY' : 'GEMINI_API_KEY'}`,
    );
  }
  if (transcriber !== offlineSpeech && fb) transcriber = withFallback<Transcriber>(transcriber, offlineSpeech, logger);

  const offlineAnalyzer = new OfflineAnalyzer();
  const analyzer: CreativeAnalyzer = gemini
    ? maybeFallback<CreativeAnalyzer>(
        new GeminiAnalyzer({ apiKey: gemini.apiKey, baseUrl: gemini.baseUrl, model: gemini.model, logger, ...calls }),
        offlineAnalyzer,
        fb,
        logger,
      )
    : offlineAnalyzer;
  const offlineRecommender = new OfflineRecommender();
  const recommender: Recommender = openai
    ? maybeFallback<Recommender>(
        new OpenAIRecommender({ apiKey: openai.apiKey, baseUrl: openai.baseUrl, model: openai.model, logger, ...calls }),
        offlineRecommender,
        fb,
        logger,
      )
    : offlineRecommender;
  return { transcriber, analyzer, recommender };
}

/** Provider failures that the offline engine can stand in for (not cancellations or bad input). */
const replaceable = (e: unknown) => isAppError(e) && (e.code === ErrorCode.AI_PROVIDER_UNAVAILABLE || e.code === ErrorCode.AI_BAD_RESPONSE);

function maybeFallback<T extends { name: string }>(primary: T, backup: T, on: boolean, logger: Logger): T {
  return on ? withFallback(primary, backup, logger) : primary;
}

/** Wraps every method of an engine: on a replaceable failure, ask the backup and mark the answer. */
export function withFallback<T extends { name: string }>(primary: T, backup: T, logger: Logger): T {
  return new Proxy(primary, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'name') return `${primary.name}+fallback:${backup.name}`;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (e) {
          if (!replaceable(e)) throw e;
          logger.warn('AI provider failed; using the offline engine for this task', {
            engine: primary.name,
            code: (e as { code: string }).code,
            error: e,
          });
          const out = await (backup as unknown as Record<string | symbol, (...a: unknown[]) => Promise<unknown>>)[prop]!.apply(
            backup,
            args,
          );
          return markFallback(out, primary.name, (e as { code: string }).code);
        }
      };
    },
  });
}

function markFallback(out: unknown, from: string, code: string): unknown {
  if (out && typeof out === 'object') return { ...out, fallbackFrom: { engine: from, code } };
  return out;
}

/**
 * TRANSCRIBER=auto takes whisper.cpp when WHISPER_MODEL_PATH is set, else pocketsphinx when it is
 * installed and otherwise goes on without speech (reason NO_SPEECH_ENGINE); TRANSCRIBER=pocketsphinx
 * without it installed fails start-up.
 */
export async function createOfflineTranscriber(config: Config, logger: Logger): Promise<Transcriber> {
  const { transcriber: choice, pocketsphinx, whisper } = config.speech;
  if (choice === 'none') return new UnavailableTranscriber('NO_SPEECH_ENGINE');
  // whisper.cpp when the user points at a model: better than pocketsphinx, and multilingual.
  if (whisper && (choice === 'auto' || choice === 'whisper')) return WhisperCppTranscriber.load({ ...whisper, logger });
  if (choice === 'whisper') throw new ConfigError('Invalid configuration:\n  TRANSCRIBER: whisper needs WHISPER_MODEL_PATH');
  if (await PocketsphinxTranscriber.detect(pocketsphinx)) {
    return new PocketsphinxTranscriber({ ...pocketsphinx, logger: logger.child({ engine: 'pocketsphinx' }) });
  }
  if (choice === 'pocketsphinx') {
    throw new ConfigError(
      'Invalid configuration:\n  TRANSCRIBER: pocketsphinx is not installed (pocketsphinx_continuous and its en-us model; see POCKETSPHINX_PATH, POCKETSPHINX_MODEL_DIR)',
    );
  }
  logger.info('no speech engine found; transcripts will be unavailable', { transcriber: choice });
  return new UnavailableTranscriber('NO_SPEECH_ENGINE');
}
