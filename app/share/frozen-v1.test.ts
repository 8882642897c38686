/**
 * Links made by v1 of the codec, pasted here once and never to be edited: they must keep
 * opening on every later rxpath. If one fails, the change broke links people have shared: add a
 * decoder version instead (codec.ts, DECODERS). Knobs a link does not name come from the current
 * preset, so the expected scenario is "the current preset + what the link names".
 */
import { describe, expect, it } from 'vitest';
import { presetScenario } from '../../sim-core';
import { decodeLink, type LinkState } from './codec';

const FROZEN: { link: string; expect: Omit<LinkState, 'scenario'>; knobs: object; seed: number }[] = [
  {
    // plain JSON: {"p":"write-4k-incapsule","s":1}
    link: 'v1.jeyJwIjoid3JpdGUtNGstaW5jYXBzdWxlIiwicyI6MX0',
    expect: { presetId: 'write-4k-incapsule', step: 0, selection: null, tab: 'inspector' },
    knobs: {},
    seed: 1,
  },
  {
    link: 'v1.zHcpBCsIwFADRu8w6QlrQwl96BF2KK5uEYMnXNIpYcvemXc1i3sILIWQ9qPcYZmQwPJGFFB9b8u8SU7jGv0OOXV-bUV9ifu_GldF9z58xuIKcrK3tJ6TrrTUocmOetGCGu6EJJg3UFQ',
    expect: { presetId: 'gro-off', step: 1200, selection: { kind: 'slot', id: 7 }, tab: 'log' },
    knobs: { nic: { rxRingSize: 512 }, softirq: { netdevBudget: 600 } },
    seed: 7,
  },
  {
    link: 'v1.zFcwxDoMwEADBv2x9NCQNV-cXUQoHnwCBMJhDFMh_B7otVnOyoPxDrPq6rdxDh7Ch71oY0ZMj5XFKIT697rbbxxbv76EUYUabRkjol2wr8voJfoMWB0-ZcgE',
    expect: { presetId: 'bad-h2c-ttag', step: 99, selection: { kind: 'req', id: 3 }, tab: 'editor' },
    knobs: { workload: { queueDepth: 4 } },
    seed: 42,
  },
  {
    link: 'v1.zbc2xCgIxEATQf5l6U1zUwv0VucIjOZHzsmGTFBLy764iVnYz8JjpyGBIq05WJxqiglDAE2EDd6zX9qjWLx3bPQWzQSW7Em97TPVtv4lPg35G42fqHzsTlifYj3kQEvh48PYl9oAcGmjyM8EcUtuXqAXjBQ',
    expect: { presetId: 'out-of-order', step: 4321, selection: { kind: 'pdu', id: 12 }, tab: 'numbers' },
    knobs: {
      faults: [
        { kind: 'drop-segment', segment: 5 },
        { kind: 'reorder-segment', segment: 9, by: 2 },
      ],
    },
    seed: 1,
  },
  {
    // not what the encoder writes (explicit defaults and an empty diff), but a valid v1 link:
    // {"p":"gro-on","s":1,"k":{},"n":0,"t":"inspector"}
    link: 'v1.jeyJwIjoiZ3JvLW9uIiwicyI6MSwiayI6e30sIm4iOjAsInQiOiJpbnNwZWN0b3IifQ',
    expect: { presetId: 'gro-on', step: 0, selection: null, tab: 'inspector' },
    knobs: {},
    seed: 1,
  },
];

/** The current preset with the knobs a link names set (objects merged, arrays replaced). */
function expected(presetId: string, knobs: object, seed: number) {
  const out = structuredClone(presetScenario(presetId)) as unknown as Record<string, unknown>;
  for (const [section, value] of Object.entries(knobs)) {
    out[section] = Array.isArray(value) ? value : { ...(out[section] as object), ...(value as object) };
  }
  out.seed = seed;
  return out;
}

describe('frozen v1 links still open', () => {
  for (const f of FROZEN) {
    it(`${f.expect.presetId} at step ${f.expect.step}`, () => {
      const r = decodeLink(`#${f.link}`);
      if (!r.ok) throw new Error(r.error);
      const { scenario, ...rest } = r.state;
      expect(rest).toEqual(f.expect);
      expect(scenario).toEqual(expected(f.expect.presetId, f.knobs, f.seed));
    });
  }
});
