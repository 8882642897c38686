/**
 * Version 1 of the link's JSON envelope. Short keys keep links short:
 *   p  preset id (a PRESET_IDS member)                      required
 *   s  seed (scenario.seed)                                 required
 *   k  knobs that differ from the preset (nested partial)   omitted when none differ
 *   n  step (0-based, the store's step)                     omitted when 0
 *   o  selection as [kind, id]                              omitted when none
 *   t  the lower panel's tab                                omitted when 'inspector'
 * Example: {"p":"gro-off","s":1,"k":{"nic":{"rxRingSize":512}},"n":1200,"o":["slot",7],"t":"log"}
 * This file is frozen once links are out: a change of meaning needs envelope-v2 and an entry in
 * codec.ts's version table, so v1 links keep opening.
 */
import { z } from 'zod';
import { PRESET_IDS, RULES } from '../../sim-core/page';
import { SELECTION_KINDS, TABS } from '../store/store';

/** The largest step a link may name: sim-core's largest limits.maxEvents (a run records at most that many rows). */
export const MAX_STEP = RULES['limits.maxEvents'].max;
/** The largest selection id (ids are indexes and counters; u32 is ample). */
export const MAX_SELECTION_ID = 0xffff_ffff;

const U32 = RULES.seed.max;

const intIn = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be an integer between ${min} and ${max} (${what})` })
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, {
      error: `must be an integer between ${min} and ${max} (${what})`,
    });

export const envelopeV1 = z.strictObject(
  {
    p: z.string({ error: 'must be a preset id' }).refine((v) => PRESET_IDS.includes(v), {
      error: `must be one of ${PRESET_IDS.join(', ')}`,
    }),
    s: intIn(0, U32, 'the seed'),
    k: z.record(z.string(), z.unknown(), { error: 'must be an object of knobs' }).optional(),
    n: intIn(0, MAX_STEP, 'the step').optional(),
    o: z
      .tuple(
        [
          z.enum(SELECTION_KINDS as [string, ...string[]], {
            error: `must name a kind: one of ${SELECTION_KINDS.join(', ')}`,
          }),
          intIn(0, MAX_SELECTION_ID, 'the object id'),
        ],
        { error: 'must be a pair [kind, id]' },
      )
      .optional(),
    t: z.enum(TABS as [string, ...string[]], { error: `must be one of ${TABS.join(', ')}` }).optional(),
  },
  { error: 'must be an object' },
);

export type EnvelopeV1 = z.infer<typeof envelopeV1>;

/** What each short key is called in messages. */
export const FIELD_NAMES: Record<string, string> = {
  p: 'preset',
  s: 'seed',
  k: 'knobs',
  n: 'step',
  o: 'selection',
  t: 'view (tab)',
};
