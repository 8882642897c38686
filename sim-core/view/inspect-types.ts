/**
 * The inspector's model: every field of one selected object at one step, and a hex view whose
 * bytes are labelled by field (like Wireshark's bytes pane). Plain JSON-friendly data, small
 * (the hex view is capped at MAX_HEX_BYTES), so the worker can post it every step.
 */

/** What can be selected (the app's store.selection has the same shape; ids are documented there). */
export type InspectKind = 'slot' | 'skb' | 'queue' | 'cpu' | 'pipe' | 'pdu' | 'req';

export interface InspectSelection {
  kind: InspectKind;
  id: number;
}

export interface InspectField {
  /** The upstream field name (struct member, macro or counter), e.g. `wb.upper.status_error`. */
  name: string;
  value: string;
  /** What the value means, or how the model simplifies it. */
  note?: string;
}

/** A field's bytes in the hex view. Labels tile the bytes exactly: in order, no gaps, no overlaps. */
export interface HexLabel {
  /** Field name as the wire field maps give it (`tcp.seq`, `ch.plen`, `sqe.cid`, `data` ...). */
  name: string;
  /** Index into `InspectHex.bytes`. */
  offset: number;
  length: number;
  /** The layer or PDU the field belongs to: 'Ethernet', 'IPv4', 'TCP', 'CapsuleCmd cid 3 (PDU #41)'. */
  group: string;
  /** Command id of the PDU the bytes belong to (colours bytes by PDU), -1 when none or unknown. */
  cid: number;
}

export interface InspectHex {
  /** The bytes shown (at most MAX_HEX_BYTES). */
  bytes: number[];
  labels: HexLabel[];
  /** Offset shown for bytes[0]. */
  base: number;
  /** Offsets are shown modulo this (a ring buffer such as the pipe), 0 for none. */
  modulo: number;
  /** [index, length] runs of bytes already consumed (headers pulled by a layer, payload copied to user space). */
  consumed: [number, number][];
  /** Why the consumed bytes are consumed, in words ('' when none are). */
  consumedWhy: string;
  /** Bytes of the whole object; more than bytes.length when the view was cut. */
  total: number;
  /** What the bytes are (and that they were cut, when they were). */
  caption: string;
}

export interface InspectView {
  /** What was asked (null: nothing selected, so the PDU in progress is shown). */
  selection: InspectSelection | null;
  kind: InspectKind;
  /** Id of the object shown (for the PDU in progress: its trace id). */
  id: number;
  /** False when the selected object does not exist at this step (then `summary` says so). */
  present: boolean;
  title: string;
  summary: string;
  fields: InspectField[];
  hex: InspectHex | null;
}

/** Most bytes one hex view carries. */
export const MAX_HEX_BYTES = 2048;
