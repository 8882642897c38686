import { describe, expect, it } from 'vitest';
import { skbForKey, slotForKey } from './keys';

describe('slotForKey', () => {
  it('starts at next_to_clean, then walks the ring with wrap-around', () => {
    expect(slotForKey('ArrowRight', null, 256, 40)).toBe(40);
    expect(slotForKey('ArrowRight', 255, 256, 40)).toBe(0);
    expect(slotForKey('ArrowLeft', 0, 256, 40)).toBe(255);
    expect(slotForKey('PageDown', 250, 256, 40)).toBe(10);
    expect(slotForKey('Enter', 3, 256, 40)).toBe(40);
  });
  it('leaves other keys to the page', () => {
    expect(slotForKey('Home', 3, 256, 40)).toBeNull();
    expect(slotForKey('a', 3, 256, 40)).toBeNull();
  });
});

describe('skbForKey', () => {
  it('enters the lane at either end and stops at its ends', () => {
    expect(skbForKey('ArrowRight', -1, 3)).toBe(0);
    expect(skbForKey('ArrowLeft', -1, 3)).toBe(2);
    expect(skbForKey('ArrowRight', 2, 3)).toBe(2);
    expect(skbForKey('ArrowLeft', 0, 3)).toBe(0);
    expect(skbForKey('ArrowRight', 0, 0)).toBeNull();
    expect(skbForKey('Tab', 0, 3)).toBeNull();
  });
});
