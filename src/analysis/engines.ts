// Chooses the analysis engines from config. Offline rules are always available.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CreativeAnalyzer, Recommender, Transcriber } from './ports.js';
import { OfflineAnalyzer, OfflineRecommender, UnavailableTranscriber } from './offline.js';

export interface AiEngines {
  transcriber: Transcriber;
  analyzer: CreativeAnalyzer;
  recommender: Recommender;
}

export function createAiEngines(_config: Config, _logger: Logger): AiEngines {
  return {
    transcriber: new UnavailableTranscriber('NO_SPEECH_ENGINE'),
    analyzer: new OfflineAnalyzer(),
    recommender: new OfflineRecommender(),
  };
}
