/**
 * The code book of the trace. Every trace row carries a numeric code; this table says
 * which upstream function (and file, at the pinned version) the row stands for and what
 * its `obj`, `a` and `b` columns mean. Each folder owns a range so stages can add codes
 * without touching each other: engine 1-99, host/link 100-199, nic 200-299,
 * softirq/gro 300-399, tcp 400-499, spdk sock/pipe 500-599, nvmf 600-799,
 * state changes 900-999 (one code per machine, see `machines.ts`).
 */
export type Layer =
  | 'wire'
  | 'host'
  | 'nic'
  | 'irq'
  | 'softirq'
  | 'gro'
  | 'ip'
  | 'tcp'
  | 'syscall'
  | 'sock'
  | 'nvmf'
  | 'backend'
  | 'state'
  | 'engine';

export interface CodeInfo {
  code: number;
  /** Upstream function name, e.g. 'igb_clean_rx_irq'. */
  fn: string;
  /** Upstream file path relative to the repository root ('' for the simulator's own). */
  file: string;
  repo: 'linux' | 'spdk' | 'rxpath';
  layer: Layer;
  /** What the columns mean, e.g. { obj: 'descriptor index', a: 'bytes', b: 'skb id' }. */
  args: { obj?: string; a?: string; b?: string };
  /** One plain-words sentence written by us (never upstream comments). */
  caption: string;
  /** True for rows that mark a drop, a TermReq or another thing a timeline should flag. */
  marker?: 'drop' | 'irq' | 'termreq' | 'error' | 'state';
}

const table = new Map<number, CodeInfo>();

/** Register a folder's codes; a clash is a programming error and fails at import. */
export function defineCodes(range: [number, number], infos: readonly CodeInfo[]): void {
  for (const info of infos) {
    if (info.code < range[0] || info.code > range[1]) {
      throw new Error(
        `trace code ${info.code} (${info.fn}) outside its folder's range ${range[0]}-${range[1]}`,
      );
    }
    const prev = table.get(info.code);
    if (prev && prev !== info) throw new Error(`trace code ${info.code} used by ${prev.fn} and ${info.fn}`);
    table.set(info.code, info);
  }
}

export function codeInfo(code: number): CodeInfo | undefined {
  return table.get(code);
}

export function allCodes(): CodeInfo[] {
  return [...table.values()].sort((x, y) => x.code - y.code);
}

export const LINUX_TAG = 'v6.5';
export const SPDK_TAG = 'v24.09';

/** Link to the upstream file at the pinned version. */
export function sourceUrl(info: CodeInfo): string | null {
  if (info.repo === 'linux') return `https://elixir.bootlin.com/linux/${LINUX_TAG}/source/${info.file}`;
  if (info.repo === 'spdk') return `https://github.com/spdk/spdk/blob/${SPDK_TAG}/${info.file}`;
  return null;
}
