// Chooses the analysis engines from config. Offline rules are always available; speech needs an
// installed recogniser, found at start-up.
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CreativeAnalyzer, Recommender, Transcriber } from './ports.js';
import { OfflineAnalyzer, OfflineRecommender, UnavailableTranscriber } from './offline.js';
import { PocketsphinxTranscriber } from '../datasources/speech/pocketsphinx.js';

export interface AiEngines {
  transcriber: Transcriber;
  analyzer: CreativeAnalyzer;
  recommender: Recommender;
}

export async function createAiEngines(config: Config, logger: Logger): Promise<AiEngines> {
  return {
    transcriber: await createTranscriber(config, logger),
    analyzer: new OfflineAnalyzer(),
    recommender: new OfflineRecommender(),
  };
}

/**
 * TRANSCRIBER=auto takes pocketsphinx when it is installed and otherwise goes on without speech
 * (reason NO_SPEECH_ENGINE); TRANSCRIBER=pocketsphinx without it installed fails start-up.
 */
export async function createTranscriber(config: Config, logger: Logger): Promise<Transcriber> {
  const { transcriber: choice, pocketsphinx } = config.speech;
  if (choice === 'none') return new UnavailableTranscriber('NO_SPEECH_ENGINE');
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
