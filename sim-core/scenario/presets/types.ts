import type { DeepPartial } from '../merge';
import type { Scenario } from '../types';

/** Knobs a preset may change: everything but the identity fields, which the preset itself carries. */
export type PresetOverrides = DeepPartial<Omit<Scenario, 'version' | 'id' | 'title' | 'description'>>;

/** A teaching scenario (SCENARIOS.md): the real defaults plus a few overrides. */
export interface Preset {
  /** Preset id, also the scenario id and the CLI argument. */
  readonly id: string;
  readonly title: string;
  /** One or two plain sentences shown in the UI: what to watch. */
  readonly description: string;
  readonly overrides: PresetOverrides;
}
