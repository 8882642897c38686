/**
 * Keyboard shortcuts, as a pure function of the key: Space plays or pauses, Left/Right step
 * back/forward by the chosen granularity, Shift with them by a coarser one, Home resets and
 * End goes to the last step. Keys typed into a field, or that a focused button or link
 * handles itself (Space, Enter), are left alone.
 */
import type { Granularity } from '../../sim-types';

export type ShortcutAction =
  | { kind: 'toggle' }
  | { kind: 'step'; dir: 1 | -1; granularity: Granularity }
  | { kind: 'reset' }
  | { kind: 'end' };

/** What Shift makes of a granularity: event and function go by packet, packet by PDU. */
export const COARSER: Record<Granularity, Granularity> = {
  event: 'packet',
  function: 'packet',
  packet: 'pdu',
  pdu: 'pdu',
};

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** The focused element's tag (upper case) and whether it is editable. */
  targetTag: string;
  targetEditable: boolean;
}

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const ACTIVATED = new Set(['BUTTON', 'A', 'SUMMARY']);

export function shortcutFor(k: KeyInput, granularity: Granularity): ShortcutAction | null {
  if (k.ctrlKey || k.altKey || k.metaKey) return null;
  if (k.targetEditable || FIELDS.has(k.targetTag)) return null;
  if (ACTIVATED.has(k.targetTag) && (k.key === ' ' || k.key === 'Enter')) return null;
  const g = k.shiftKey ? COARSER[granularity] : granularity;
  switch (k.key) {
    case ' ':
      return k.shiftKey ? null : { kind: 'toggle' };
    case 'ArrowRight':
      return { kind: 'step', dir: 1, granularity: g };
    case 'ArrowLeft':
      return { kind: 'step', dir: -1, granularity: g };
    case 'Home':
      return { kind: 'reset' };
    case 'End':
      return { kind: 'end' };
    default:
      return null;
  }
}
