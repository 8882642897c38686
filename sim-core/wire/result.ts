/**
 * Result type shared by every parser of outside input in wire/.
 *
 * Parsers never throw: a malformed input is an ordinary outcome on a receive
 * path (the simulated stack has to react to it), so it comes back as a value.
 */

/** A failed parse. `error` names the field and the offending value. */
export interface ParseError {
  ok: false;
  error: string;
  /**
   * Byte offset of the offending field, relative to the start of the unit
   * being parsed (the PDU, the header), when one field is to blame. NVMe/TCP
   * reports this in a TermReq's FEI, so the PDU parser fills it in.
   */
  offset?: number;
}

export function fail(error: string, offset?: number): ParseError {
  return offset === undefined ? { ok: false, error } : { ok: false, error, offset };
}

/** Hex formatting for error messages and labels. */
export function hex(value: number, digits = 2): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/** True when `offset` is a usable start index into `bytes`. */
export function isOffset(bytes: Uint8Array, offset: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset <= bytes.length;
}
