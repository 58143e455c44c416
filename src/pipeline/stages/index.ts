// The analysis stages, in order: the one list the runner walks (one file per stage beside it). Each
// returns a JSON-serialisable output stored as its artifact under the stage's `name`; names are keys
// in task_artifacts that older tasks resume on, so they never change.
import type { Stage } from '../types.js';
import { analyze } from './analyze.js';
import { fetchProbe } from './fetch-probe.js';
import { fingerprint, reusable } from './fingerprint.js';
import { measureMedia } from './measure-media.js';
import { perceiving } from './perceiving.js';
import { recommend } from './recommend.js';
import { transcribe } from './transcribe.js';

// The media measurement, perception and transcript are taken from an earlier task with the same
// bytes when there is one (./fingerprint.ts).
export const STAGES: Stage[] = [
  fetchProbe,
  fingerprint,
  reusable(measureMedia),
  reusable(perceiving),
  reusable(transcribe),
  analyze,
  recommend,
];
