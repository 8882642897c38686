/** The preset library as the picker lists it (ids, titles and descriptions from sim-core). */
import { PRESETS } from '../../../sim-core/page';

export interface PresetEntry {
  id: string;
  title: string;
  description: string;
}

export const PRESET_LIST: readonly PresetEntry[] = PRESETS.map(({ id, title, description }) => ({
  id,
  title,
  description,
}));

/** A preset's title; an edited scenario (id 'custom', identity.ts) reads "Edited scenario". */
export function presetTitle(id: string): string {
  if (id === 'custom') return 'Edited scenario';
  return PRESET_LIST.find((p) => p.id === id)?.title ?? id;
}
