/**
 * Seeded PRNG (sfc32). The state is four uint32 kept in the world, so a keyframe
 * captures it and replay draws the same numbers. No Math.random anywhere in sim-core.
 */
export type RngState = [number, number, number, number];

export function rngFromSeed(seed: number): RngState {
  // splitmix32 spreads a small seed over the four words.
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st: RngState = [next(), next(), next(), next()];
  for (let i = 0; i < 12; i++) nextU32(st);
  return st;
}

export function nextU32(st: RngState): number {
  const [a, b, c, d] = st;
  const t = (((a + b) | 0) + d) | 0;
  st[3] = (d + 1) | 0;
  st[0] = b ^ (b >>> 9);
  st[1] = (c + (c << 3)) | 0;
  st[2] = ((c << 21) | (c >>> 11)) + t;
  st[2] |= 0;
  return t >>> 0;
}

/** Uniform integer in [0, n). */
export function nextInt(st: RngState, n: number): number {
  return Math.floor((nextU32(st) / 0x1_0000_0000) * n);
}
