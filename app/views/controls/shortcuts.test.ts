import { describe, expect, it } from 'vitest';
import { type KeyInput, shortcutFor } from './shortcuts';

const key = (k: string, more: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  targetTag: 'BODY',
  targetEditable: false,
  ...more,
});

describe('shortcutFor', () => {
  it('maps Space, arrows, Home and End', () => {
    expect(shortcutFor(key(' '), 'event')).toEqual({ kind: 'toggle' });
    expect(shortcutFor(key('ArrowRight'), 'function')).toEqual({
      kind: 'step',
      dir: 1,
      granularity: 'function',
    });
    expect(shortcutFor(key('ArrowLeft'), 'pdu')).toEqual({ kind: 'step', dir: -1, granularity: 'pdu' });
    expect(shortcutFor(key('Home'), 'event')).toEqual({ kind: 'reset' });
    expect(shortcutFor(key('End'), 'event')).toEqual({ kind: 'end' });
    expect(shortcutFor(key('x'), 'event')).toBeNull();
  });
  it('Shift steps by a coarser granularity', () => {
    expect(shortcutFor(key('ArrowRight', { shiftKey: true }), 'event')).toMatchObject({
      granularity: 'packet',
    });
    expect(shortcutFor(key('ArrowLeft', { shiftKey: true }), 'packet')).toMatchObject({ granularity: 'pdu' });
  });
  it('leaves fields, editable elements and modified keys alone', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(shortcutFor(key(' ', { targetTag: tag }), 'event')).toBeNull();
      expect(shortcutFor(key('ArrowRight', { targetTag: tag }), 'event')).toBeNull();
    }
    expect(shortcutFor(key('Home', { targetTag: 'DIV', targetEditable: true }), 'event')).toBeNull();
    expect(shortcutFor(key('ArrowRight', { ctrlKey: true }), 'event')).toBeNull();
  });
  it('lets a focused button or link handle Space and Enter, but not the arrows', () => {
    expect(shortcutFor(key(' ', { targetTag: 'BUTTON' }), 'event')).toBeNull();
    expect(shortcutFor(key('Enter', { targetTag: 'A' }), 'event')).toBeNull();
    expect(shortcutFor(key('ArrowRight', { targetTag: 'BUTTON' }), 'event')).toMatchObject({ dir: 1 });
  });
});
