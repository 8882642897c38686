/**
 * The preset library, in the order of SCENARIOS.md (`gro-on-off` is the pair `gro-on`, `gro-off`).
 * A preset scenario is DEFAULT_SCENARIO with the preset's overrides merged in and its id, title and
 * description set, then validated.
 */
import { DEFAULT_SCENARIO } from '../defaults';
import { formatValue, ScenarioValidationError } from '../errors';
import { deepMerge } from '../merge';
import { assertScenario } from '../parse';
import type { Scenario } from '../types';
import { tenGSustained } from './10g-sustained';
import { backlog } from './backlog';
import { badH2cTtag } from './bad-h2c-ttag';
import { budgetSqueeze } from './budget-squeeze';
import { bufferPoolExhausted } from './buffer-pool-exhausted';
import { dataDigestError } from './data-digest-error';
import { groOff } from './gro-off';
import { groOn } from './gro-on';
import { headerDigestError } from './header-digest-error';
import { headerSplit } from './header-split';
import { jumboMultiDesc } from './jumbo-multi-desc';
import { multiIovRequest } from './multi-iov-request';
import { outOfOrder } from './out-of-order';
import { pipeWrap } from './pipe-wrap';
import { ringOverrun } from './ring-overrun';
import type { Preset } from './types';
import { write128kR2t } from './write-128k-r2t';
import { write4kIncapsule } from './write-4k-incapsule';
import { zeroWindow } from './zero-window';

export type { Preset, PresetOverrides } from './types';

export const PRESETS: readonly Preset[] = Object.freeze([
  write4kIncapsule,
  write128kR2t,
  multiIovRequest,
  pipeWrap,
  headerSplit,
  ringOverrun,
  groOn,
  groOff,
  backlog,
  outOfOrder,
  budgetSqueeze,
  jumboMultiDesc,
  zeroWindow,
  bufferPoolExhausted,
  dataDigestError,
  headerDigestError,
  badH2cTtag,
  tenGSustained,
]);

export const DEFAULT_PRESET_ID = 'write-4k-incapsule';

export const PRESET_IDS: readonly string[] = Object.freeze(PRESETS.map((p) => p.id));

export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset's full scenario before validation (a fresh object each call). */
export function presetDocument(preset: Preset): unknown {
  return deepMerge(DEFAULT_SCENARIO, {
    ...preset.overrides,
    id: preset.id,
    title: preset.title,
    description: preset.description,
  });
}

/** Defaults + the preset's overrides, validated. Throws ScenarioValidationError for an unknown id. */
export function presetScenario(id: string): Scenario {
  const preset = getPreset(id);
  if (preset === undefined) {
    throw new ScenarioValidationError([
      {
        path: 'preset',
        value: id,
        message: `preset = ${formatValue(id)}: unknown preset; must be one of ${PRESET_IDS.join(', ')}`,
      },
    ]);
  }
  return assertScenario(presetDocument(preset));
}
