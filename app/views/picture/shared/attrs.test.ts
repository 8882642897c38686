import { describe, expect, it } from 'vitest';
import { setAttr, setAttrs } from './attrs';

/** The part of an Element setAttr uses, counting writes. */
function fakeEl() {
  const attrs = new Map<string, string>();
  let writes = 0;
  const el = {
    setAttribute(n: string, v: string) {
      writes++;
      attrs.set(n, v);
    },
    removeAttribute(n: string) {
      writes++;
      attrs.delete(n);
    },
  } as unknown as Element;
  return { el, attrs, writes: () => writes };
}

describe('setAttr', () => {
  it('writes only changes', () => {
    const f = fakeEl();
    setAttrs(f.el, { x: 1, y: 2 });
    setAttrs(f.el, { x: 1, y: 3 });
    expect(f.writes()).toBe(3);
    expect(f.attrs.get('y')).toBe('3');
    setAttr(f.el, 'y', null);
    expect(f.attrs.has('y')).toBe(false);
  });
  it('writes a negative width or height as 0, other attributes as given', () => {
    const f = fakeEl();
    setAttrs(f.el, { width: -107.6, height: '-3', x: -5 });
    expect(f.attrs.get('width')).toBe('0');
    expect(f.attrs.get('height')).toBe('0');
    expect(f.attrs.get('x')).toBe('-5');
  });
});
