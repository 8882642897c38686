/** One piece of a scatter/gather list: `len` bytes of `buf` starting at `off` (struct iovec). */
export interface Iov {
  buf: Uint8Array;
  off: number;
  len: number;
  /**
   * What the bytes are, for the ledger and the picture: 'pipe', 'pdu-header', 'data' (a
   * request buffer), 'digest', 'padding'. `owner` is the id of the pipe/PDU/request.
   */
  kind?: 'pipe' | 'pdu-header' | 'data' | 'digest' | 'padding';
  owner?: number;
}

export function iovTotal(iovs: readonly Iov[]): number {
  let n = 0;
  for (const v of iovs) n += v.len;
  return n;
}
