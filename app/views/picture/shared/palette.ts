/**
 * Colours of bytes by the PDU they belong to (SkbView.pduColor / spans, RingView.colors,
 * PduView.cid, ReqView.cid all carry the command id, cid): the same cid has the same colour in
 * every stage, so one PDU's bytes can be followed across packets, queues, the pipe and the
 * request buffers. Eight hues that stay apart for common colour-vision deficiencies (Okabe-Ito
 * order, tuned to read on light and dark backgrounds); -1 (unknown, or not PDU bytes) is grey.
 */
const HUES = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#8f7f00',
  '#7b61c9',
] as const;
export const UNKNOWN_FILL = '#9a9a9a';

export function pduFill(cid: number): string {
  if (cid < 0 || !Number.isFinite(cid)) return UNKNOWN_FILL;
  return HUES[cid % HUES.length]!;
}

/** Slot states of the igb ring (RingView.slots): unarmed, armed (NIC owns it), done (DD set). */
export const SLOT_FILL = ['var(--slot-unarmed)', 'var(--slot-armed)', 'var(--slot-done)'] as const;
export const SLOT_STATE_NAMES = ['unarmed', 'armed (NIC owns it)', 'written back (DD set)'] as const;
