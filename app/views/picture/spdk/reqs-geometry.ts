/**
 * The tcp_req slots (struct spdk_nvmf_tcp_req, 128 by default) as a compact grid: one cell per
 * request, in index order, with a three-letter code of its state (spdk_nvmf_tcp_req_state), the
 * legend naming the codes in use, and its data iovecs (tcp_req->req.iov) as a strip of bars.
 */

/** Short codes of spdk_nvmf_tcp_req_state, by the name's end (TCP_REQUEST_STATE_ is dropped). */
const CODES: Record<string, string> = {
  FREE: '',
  NEW: 'NEW',
  NEED_BUFFER: 'NBF',
  HAVE_BUFFER: 'HBF',
  AWAITING_ZCOPY_START: 'ZCS',
  ZCOPY_START_COMPLETED: 'ZCD',
  TRANSFERRING_HOST_TO_CONTROLLER: 'H2C',
  AWAITING_R2T_ACK: 'R2T',
  READY_TO_EXECUTE: 'RDY',
  EXECUTING: 'EXE',
  AWAITING_ZCOPY_COMMIT: 'ZCC',
  EXECUTED: 'EXD',
  READY_TO_COMPLETE: 'RCP',
  TRANSFERRING_CONTROLLER_TO_HOST: 'C2H',
  AWAITING_ZCOPY_RELEASE: 'ZCR',
  COMPLETED: 'CPL',
};

/** TCP_REQUEST_STATE_TRANSFERRING_HOST_TO_CONTROLLER -> TRANSFERRING_HOST_TO_CONTROLLER. */
export function reqStateShort(state: string): string {
  return state.replace(/^TCP_REQUEST_STATE_/, '');
}

/** The cell's code for a state ('' for FREE; the first letters of an unknown one). */
export function reqStateCode(state: string): string {
  const s = reqStateShort(state);
  return CODES[s] ?? s.slice(0, 3);
}

/** Groups for the cell's look: free, waiting (for a buffer, an R2T ack), moving data, executing, done. */
export function reqStateGroup(state: string): 'free' | 'wait' | 'data' | 'exec' | 'done' {
  const s = reqStateShort(state);
  if (s === 'FREE') return 'free';
  if (s.startsWith('TRANSFERRING')) return 'data';
  if (s === 'EXECUTING' || s === 'READY_TO_EXECUTE' || s.includes('ZCOPY')) return 'exec';
  if (s === 'EXECUTED' || s === 'READY_TO_COMPLETE' || s === 'COMPLETED') return 'done';
  return 'wait';
}

/** The legend: each code in use with its state's name, in state order of first appearance. */
export function legendOf(states: readonly string[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const st of states) {
    const code = reqStateCode(st);
    if (code !== '' && !seen.has(code)) seen.set(code, reqStateShort(st));
  }
  return [...seen].map(([code, name]) => ({ code, name }));
}

export interface GridLayout {
  cols: number;
  rows: number;
  cellW: number;
  cellH: number;
  gap: number;
}

/**
 * `n` cells in `width`: as many columns of at least `minW` as fit, then balanced so the last
 * row is as full as the others can make it (128 in 19 columns: 7 rows of 19, last of 14).
 */
export function gridLayout(n: number, width: number, minW: number, cellH: number, gap: number): GridLayout {
  if (n <= 0) return { cols: 1, rows: 0, cellW: minW, cellH, gap };
  const fit = Math.max(1, Math.floor((width + gap) / (minW + gap)));
  const rows = Math.ceil(n / Math.min(fit, n));
  const cols = Math.ceil(n / rows);
  const cellW = (width - gap * (cols - 1)) / cols;
  return { cols, rows, cellW, cellH, gap };
}

/** Top-left corner of cell `i`. */
export function cellAt(g: GridLayout, i: number): [number, number] {
  const c = i % g.cols;
  const r = Math.floor(i / g.cols);
  return [c * (g.cellW + g.gap), r * (g.cellH + g.gap)];
}

/** Widths of a request's iovec bars in a strip `width` wide: in proportion to their lengths. */
export function iovWidths(lens: readonly number[], width: number, gap: number): number[] {
  const n = lens.length;
  if (n === 0) return [];
  const room = Math.max(0, width - gap * (n - 1));
  const total = lens.reduce((s, x) => s + x, 0);
  return lens.map((l) => (total > 0 ? (room * l) / total : room / n));
}
