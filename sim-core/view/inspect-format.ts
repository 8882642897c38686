/** Small formatting helpers of the inspector (values are strings, the same in any locale). */
import type { InspectField, InspectKind, InspectSelection, InspectView } from './inspect-types';

export function hex(v: number, digits = 2): string {
  return `0x${(v >>> 0).toString(16).padStart(digits, '0')}`;
}

export function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** Bytes with the unit, e.g. "1448 bytes". */
export function bytes(n: number): string {
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

export function field(name: string, value: string | number | boolean, note?: string): InspectField {
  const v = typeof value === 'boolean' ? yesNo(value) : String(value);
  return note === undefined ? { name, value: v } : { name, value: v, note };
}

const TCP_FLAG_NAMES: [number, string][] = [
  [0x80, 'CWR'],
  [0x40, 'ECE'],
  [0x20, 'URG'],
  [0x10, 'ACK'],
  [0x08, 'PSH'],
  [0x04, 'RST'],
  [0x02, 'SYN'],
  [0x01, 'FIN'],
];

export function tcpFlagNames(flags: number): string {
  const on = TCP_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  return `${hex(flags)}${on.length > 0 ? ` (${on.join(' ')})` : ''}`;
}

/** The plain answer for a selection that names nothing at this step. */
export function notPresent(
  sel: InspectSelection | null,
  kind: InspectKind,
  id: number,
  title: string,
  why: string,
): InspectView {
  return { selection: sel, kind, id, present: false, title, summary: why, fields: [], hex: null };
}
