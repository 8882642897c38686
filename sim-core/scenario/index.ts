export { DEFAULT_SCENARIO } from './defaults';
export { SCENARIO_VERSION } from './types';
export type { CpuCosts, Fault, PduField, Scenario } from './types';
export { FAULT_KINDS, PDU_FIELDS, scenarioSchema } from './schema';
export {
  HZ_VALUES,
  MAX_FAULTS,
  MAX_RAW_STREAM_BYTES,
  MAX_WORKLOAD_BYTES,
  PDU_FIELD_BITS,
  RULES,
} from './rules';
export type { RulePath } from './rules';
export { describeRule } from './fields';
export type { NumberRule } from './fields';
export { effectiveRcvbuf, hostPduCount, poolBuffersPerWrite } from './cross';
export type { DeepPartial } from './merge';
export {
  assertScenario,
  formatErrors,
  parseScenario,
  resolveScenario,
  ScenarioValidationError,
} from './validate';
export type { ParseResult, ResolveOptions, ScenarioError } from './validate';
export { DEFAULT_PRESET_ID, getPreset, PRESET_IDS, PRESETS, presetScenario } from './presets/index';
export type { Preset, PresetOverrides } from './presets/index';
