/** Broken and hostile links: each gives ok:false with a message naming what was wrong. */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, isLinkFragment, MAX_FRAGMENT_CHARS, MAX_JSON_BYTES } from './codec';
import { MAX_BROWSER_ROWS } from './budget';
import { rawBytesLink, rawLink, rawTextLink, scenarioOf } from './testkit';
import { toBase64url } from './base64url';

function error(link: string): string {
  const r = decodeLink(link);
  if (r.ok) throw new Error(`expected an error for ${link.slice(0, 80)}`);
  // Plain, short text: no markup, no control characters.
  expect(r.error).not.toMatch(/[<>]/);
  expect([...r.error].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
  expect(r.error.length).toBeLessThanOrEqual(400);
  return r.error;
}

const good = encodeLink({
  presetId: 'gro-off',
  scenario: scenarioOf('gro-off', { nic: { rxRingSize: 512 } }),
  step: 10,
  selection: null,
  tab: 'inspector',
});
const env = { p: 'gro-off', s: 1 };

describe('isLinkFragment', () => {
  it('tells links (to decode, errors shown) from other fragments (ignored)', () => {
    for (const f of ['', '#', '#main', 'view', '#v', '#version-2', 'x1.jabc'])
      expect(isLinkFragment(f)).toBe(false);
    for (const f of [good, `#${good}`, 'v1', 'v1.', 'v9.zzz', '#v0.j']) expect(isLinkFragment(f)).toBe(true);
  });
});

describe('framing', () => {
  it('empty', () => expect(error('')).toMatch(/empty/));
  it('too long, refused before any other work', () => {
    expect(error(`v1.j${'A'.repeat(MAX_FRAGMENT_CHARS)}`)).toMatch(`at most ${MAX_FRAGMENT_CHARS}`);
  });
  it('not an rxpath link', () => expect(error('hello')).toMatch(/version such as "v1\."/));
  it('a newer version', () => {
    expect(error(good.replace(/^v1/, 'v9'))).toBe(
      "The link's version v9 is newer than this rxpath understands (v1).",
    );
  });
  it('a version never made', () =>
    expect(error(good.replace(/^v1/, 'v0'))).toMatch(/v0 is not one rxpath ever made/));
  it('no data after the version', () => {
    expect(error('v1')).toMatch(/data is missing/);
    expect(error('v1.')).toMatch(/data is missing/);
  });
  it('an unknown mode letter', () =>
    expect(error(`v1.q${good.slice(4)}`)).toMatch(/encoding "q" is unknown/));
});

describe('bad encoding', () => {
  it('a character outside base64url, with its position', () => {
    const link = `${good.slice(0, 16)}+${good.slice(17)}`;
    expect(error(link)).toBe(
      'The link is not valid base64url at character 17 (only A-Z, a-z, 0-9, - and _ may appear).',
    );
    expect(error(`${good}=`)).toMatch(`base64url at character ${good.length + 1}`);
    expect(error(`${good.slice(0, 10)}é${good.slice(10)}`)).toMatch('base64url at character 11');
  });
  it('an impossible length (cut short)', () => expect(error(rawLink(env).slice(0, 9))).toMatch(/cut short/));
  it('non-zero trailing bits', () => {
    // JSON of 3n+1 bytes: the last of its base64url characters carries 4 bits that encode nothing.
    let json = '{"p":"gro-on","s":1}';
    while (json.length % 3 !== 1) json += ' ';
    const link = rawTextLink(json);
    expect(decodeLink(link).ok).toBe(true);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const changed = link.slice(0, -1) + alphabet[alphabet.indexOf(link.at(-1)!) ^ 1];
    expect(error(changed)).toBe(
      `The link is not valid base64url at character ${link.length}: the last character has bits set that encode nothing.`,
    );
  });
  it('not UTF-8', () =>
    expect(error(rawBytesLink(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toMatch(/UTF-8/));
  it('not JSON', () => {
    expect(error(rawTextLink('{"p":"gro-on",'))).toBe("The link's data is not valid JSON.");
    expect(error(rawTextLink(''))).toBe("The link's data is not valid JSON.");
  });
  it('JSON but not an object', () => {
    for (const v of [null, 1, 'v1', [1, 2], true]) expect(error(rawLink(v))).toMatch(/must be a JSON object/);
  });
});

describe('bad compression', () => {
  it('bytes that are not deflate data', () => {
    expect(error(rawBytesLink(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 'z'))).toMatch(
      /compressed data is broken/,
    );
  });
  it('a compressed link cut short', () => {
    const z = rawLink({ ...env, k: { nic: { rxRingSize: 1024, itrIntsPerSec: 8000 } }, t: 'numbers' }, 'z');
    expect(z[3]).toBe('z');
    expect(error(z.slice(0, z.length - 8))).toMatch(/compressed data is broken|not valid JSON|cut short/);
  });
  it('plain data labelled compressed and the other way round', () => {
    expect(error(`v1.z${rawLink(env).slice(4)}`)).toMatch(/compressed data is broken/);
    expect(error(`v1.j${rawLink(env, 'z').slice(4)}`)).toMatch(/not valid (UTF-8|JSON)/);
  });
  it('a zip bomb stops at the inflate limit', () => {
    const bomb = deflateSync(new Uint8Array(4 * 1024 * 1024).fill(32), { level: 9 });
    const link = `v1.z${toBase64url(bomb)}`;
    expect(link.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const t0 = performance.now();
    expect(error(link)).toMatch(`expands to more than ${MAX_JSON_BYTES / 1024} KiB`);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('bad envelope', () => {
  it('missing preset or seed', () => {
    expect(error(rawLink({ s: 1 }))).toBe('The link has no preset.');
    expect(error(rawLink({ p: 'gro-on' }))).toBe('The link has no seed.');
  });
  it('an unknown preset', () =>
    expect(error(rawLink({ ...env, p: 'gro-sideways' }))).toMatch(
      /preset is not valid: it must be one of write-4k-incapsule, /,
    ));
  it('extra fields, named', () => {
    expect(error(rawLink({ ...env, x: 1 }))).toMatch(/unknown field "x"; a v1 link has only p \(preset\)/);
    expect(error(rawLink({ ...env, k: { nic: { rxRingSize: 512, turbo: true } } }))).toMatch(
      /nic\.turbo = true: unknown field; nic allows only/,
    );
    expect(error(rawLink({ ...env, k: { title: 'mine' } }))).toMatch(/knobs name an unknown section "title"/);
    expect(error(rawLink({ ...env, k: { preset: 'gro-on' } }))).toMatch(/unknown section "preset"/);
    expect(error(rawLink({ ...env, o: ['slot', 1, 2] }))).toMatch(/selection/);
  });
  it('invalid values, named as the CLI names them', () => {
    expect(error(rawLink({ ...env, k: { nic: { rxRingSize: 81 } } }))).toBe(
      "The link's scenario is not valid: nic.rxRingSize = 81: must be a multiple of 8 between 80 and 4096.",
    );
    expect(error(rawLink({ ...env, k: { spdk: { inCapsuleDataSize: 262144 } } }))).toMatch(
      /spdk\.inCapsuleDataSize = 262144: must be at most spdk\.maxIoSize/,
    );
    expect(error(rawLink({ ...env, k: { faults: [{ kind: 'melt-nic' }] } }))).toMatch(/faults\[0\]/);
    expect(error(rawLink({ ...env, k: { nic: 5 } }))).toMatch(/nic = 5/);
    expect(error(rawLink({ ...env, t: 'settings' }))).toMatch(
      /view \(tab\) is not valid: it must be one of inspector, log/,
    );
    expect(error(rawLink({ ...env, o: ['router', 1] }))).toMatch(
      /selection\[0\] is not valid: it must name a kind/,
    );
    expect(error(rawLink({ ...env, s: -1 }))).toMatch(
      /seed is not valid: it must be an integer between 0 and 4294967295/,
    );
    expect(error(rawLink({ ...env, n: 1.5 }))).toMatch(/step is not valid/);
    expect(error(rawLink({ ...env, n: '12' }))).toMatch(/step is not valid/);
  });
  it('huge values', () => {
    expect(error(rawTextLink('{"p":"gro-on","s":1,"n":1e400}'))).toMatch(/step is not valid/);
    expect(error(rawLink({ ...env, s: 2 ** 53 }))).toMatch(/seed is not valid/);
    expect(error(rawLink({ ...env, o: ['pdu', 1e21] }))).toMatch(/selection\[1\] is not valid/);
    expect(error(rawLink({ ...env, k: { nic: { rxRingSize: 1e308 } } }))).toMatch(
      /nic\.rxRingSize = 1e\+308: must be a multiple of 8/,
    );
    const hex = { ...env, k: { workload: { rawStreamHex: 'ab'.repeat(40_000) } } };
    expect(error(rawLink(hex, 'z'))).toMatch(/expands to more than 64 KiB/);
    expect(error(rawLink(hex))).toMatch(/too long: 10\d{4} characters; an rxpath link has at most 8000/);
  });
  it('a step past the end of the scenario, a selection outside it', () => {
    expect(error(rawLink({ ...env, k: { limits: { maxEvents: 1000 } }, n: 5000 }))).toMatch(
      /step 5001 is past the end of its scenario, which stops after about 1000 steps \(limits\.maxEvents\)/,
    );
    expect(error(rawLink({ ...env, o: ['slot', 256] }))).toMatch(
      /selection slot 256 is not valid: the RX ring has 256 descriptors/,
    );
    expect(error(rawLink({ ...env, o: ['req', 128] }))).toMatch(/128 tcp_req slots/);
    expect(error(rawLink({ ...env, o: ['cpu', 2] }))).toMatch(/cores 0 and 1/);
  });
});

describe('prototype keys', () => {
  const keys = ['__proto__', 'constructor', 'prototype'];
  it('anywhere in the data, named with their place; nothing is polluted', () => {
    for (const key of keys) {
      expect(error(rawTextLink(`{"p":"gro-on","s":1,"${key}":{"polluted":1}}`))).toBe(
        `The link contains the forbidden key "${key}" (at ${key}); nothing was loaded.`,
      );
      expect(error(rawTextLink(`{"p":"gro-on","s":1,"k":{"nic":{"${key}":{"polluted":1}}}}`, 'z'))).toMatch(
        `forbidden key "${key}" (at knobs.nic.${key})`,
      );
      expect(
        error(
          rawTextLink(
            `{"p":"gro-on","s":1,"k":{"faults":[{"kind":"drop-segment","segment":1,"${key}":{}}]}}`,
          ),
        ),
      ).toMatch(`knobs.faults[0].${key}`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
  it('deep nesting and too many values', () => {
    expect(error(rawTextLink(`{"p":"gro-on","s":1,"k":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`))).toMatch(
      /nested too deeply/,
    );
    expect(error(rawTextLink(`{"p":"gro-on","s":1,"k":{"faults":[${'0,'.repeat(20_000)}0]}}`, 'z'))).toMatch(
      /too many values/,
    );
    // JSON nested far beyond any parser's comfort: still a plain error.
    expect(error(rawTextLink(`${'['.repeat(30_000)}${']'.repeat(30_000)}`, 'z'))).toMatch(
      /nested too deeply|not valid JSON/,
    );
  });
});

describe('markup and script in strings', () => {
  const script = '<script>alert(1)</script>';
  it('never reaches a message as markup, and never loads', () => {
    const links = [
      rawLink({ ...env, p: script }),
      rawLink({ ...env, t: script }),
      rawLink({ ...env, o: [script, 1] }),
      rawLink({ ...env, [script]: 1 }),
      rawLink({ ...env, k: { [script]: 1 } }),
      rawLink({ ...env, k: { nic: { [script]: 1 } } }),
      rawLink({ ...env, k: { workload: { rawStreamHex: `<img src=x onerror="alert(1)">` } } }),
      rawLink({ ...env, k: { faults: [{ kind: 'corrupt-field', pdu: 3, field: script, value: 1 }] } }),
      rawLink({ ...env, k: { nic: { rxRingSize: 'javascript:alert(1)' } } }),
      rawLink({ ...env, k: { wire: { mtu: `\u202e${script}\n` } } }),
    ];
    for (const link of links) error(link);
    expect(error(rawLink({ ...env, [script]: 1 }))).toMatch(/unknown field "‹script›alert\(1\)‹\/script…"/);
  });
});

describe('a scenario too large for a browser tab', () => {
  it('too long to run (many frames), naming the limit', () => {
    const msg = error(rawLink({ p: '10g-sustained', s: 1, k: { workload: { writes: 30_000 } } }, 'z'));
    expect(msg).toMatch(/too large for a browser tab: 30000 writes of 131072 bytes/);
    expect(msg).toMatch(`the limit is ${MAX_BROWSER_ROWS / 1e6} million steps`);
  });
  it('too much memory (1 MiB writes)', () => {
    const k = {
      workload: { writes: 4_000, ioSizeBytes: 1 << 20 },
      spdk: { maxIoSize: 1 << 20, ioUnitSize: 131_072 },
    };
    expect(error(rawLink({ p: '10g-sustained', s: 1, k }))).toMatch(
      /too large for a browser tab: 4000 writes of 1048576 bytes/,
    );
  });
  it('small frames (MTU 576) at 10g-sustained', () => {
    expect(error(rawLink({ p: '10g-sustained', s: 1, k: { wire: { mtu: 576 } } }))).toMatch(
      /too large for a browser tab/,
    );
  });
  it('but a huge workload cut short by limits.maxEvents is fine', () => {
    const r = decodeLink(
      rawLink({
        p: '10g-sustained',
        s: 1,
        k: { workload: { writes: 30_000 }, limits: { maxEvents: 1_000_000 } },
      }),
    );
    expect(r.ok).toBe(true);
  });
});
