import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from './base64url';
import { intBelow, rng } from './testkit';

describe('base64url', () => {
  it('agrees with Node for 2,000 random byte strings, both ways', () => {
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(intBelow(r, 70));
      for (let j = 0; j < bytes.length; j++) bytes[j] = intBelow(r, 256);
      const text = toBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      const back = fromBase64url(text);
      expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
    }
  });

  it('is strict: the first bad character, impossible lengths and unused bits are refused', () => {
    expect(fromBase64url('')).toEqual({ ok: true, bytes: new Uint8Array(0) });
    expect(fromBase64url('ab+d')).toEqual({ ok: false, at: 2, reason: 'character' });
    expect(fromBase64url('abc=')).toEqual({ ok: false, at: 3, reason: 'character' });
    expect(fromBase64url('ab d')).toEqual({ ok: false, at: 2, reason: 'character' });
    expect(fromBase64url('abcdé')).toEqual({ ok: false, at: 4, reason: 'character' });
    expect(fromBase64url('abcde')).toEqual({ ok: false, at: 4, reason: 'length' });
    // 'QQ' is "A"; 'QR' has a bit set past the byte.
    expect(fromBase64url('QQ')).toEqual({ ok: true, bytes: new Uint8Array([65]) });
    expect(fromBase64url('QR')).toEqual({ ok: false, at: 1, reason: 'trailing-bits' });
    expect(fromBase64url('QUI')).toEqual({ ok: true, bytes: new Uint8Array([65, 66]) });
    expect(fromBase64url('QUJ')).toEqual({ ok: false, at: 2, reason: 'trailing-bits' });
  });
});
