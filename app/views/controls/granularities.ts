/** The "Step by" choices, in the order of the select. */
import type { Granularity } from '../../sim-types';

export const GRANULARITIES: { value: Granularity; label: string; hint: string }[] = [
  { value: 'event', label: 'Event', hint: 'every trace row' },
  { value: 'function', label: 'Function', hint: 'every function call, skipping state changes' },
  { value: 'packet', label: 'Packet', hint: 'the next frame the NIC writes to the ring' },
  { value: 'pdu', label: 'PDU', hint: 'the next NVMe/TCP PDU the target starts to read' },
];

export function granularityLabel(g: Granularity): string {
  return GRANULARITIES.find((x) => x.value === g)?.label ?? g;
}
