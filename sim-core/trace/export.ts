/**
 * The trace as JSON lines, one row per line:
 *   {"step":i,"t":ns,"code":c,"fn":..,"file":..,"layer":..,"obj":..,"a":..,"b":..}
 * State-change rows (code >= STATE_CODE_BASE) also carry "machine", "from" and "to" (state
 * names from trace/machines.ts). `a` and `b` are printed as stored (int32).
 *
 * Streamed: the generator yields one string per block of rows, so a 10M-row trace never
 * becomes one giant string; the caller writes each piece where it wants (a file, a Blob part).
 */
import { codeInfo } from './codes';
import type { ColumnarTrace } from './columns';
import { machineInfo, STATE_CODE_BASE } from './machines';

export interface JsonlOptions {
  /** First row (default 0) and end row, exclusive (default the trace's length). */
  from?: number;
  to?: number;
  /** Rows per yielded string (default 4096). */
  rowsPerPiece?: number;
}

/** The part of a line that depends on the code alone, from `,"code"` to before `,"obj"`. */
function codePart(code: number): string {
  const info = codeInfo(code);
  let s = `,"code":${code},"fn":${JSON.stringify(info?.fn ?? null)},"file":${JSON.stringify(info?.file ?? null)}`;
  s += `,"layer":${JSON.stringify(info?.layer ?? (code >= STATE_CODE_BASE ? 'state' : null))}`;
  return s;
}

function stateName(states: readonly string[] | undefined, i: number): string | null {
  return states?.[i] ?? null;
}

/** One row as its JSON line (without the newline). `cache` holds the per-code parts. */
function line(
  step: number,
  t: number,
  code: number,
  obj: number,
  a: number,
  b: number,
  cache: Map<number, string>,
): string {
  let part = cache.get(code);
  if (part === undefined) {
    part = codePart(code);
    cache.set(code, part);
  }
  let s = `{"step":${step},"t":${t}${part},"obj":${obj},"a":${a},"b":${b}`;
  if (code >= STATE_CODE_BASE) {
    const m = machineInfo(code - STATE_CODE_BASE);
    s += `,"machine":${JSON.stringify(m?.name ?? null)}`;
    s += `,"from":${JSON.stringify(stateName(m?.states, a))},"to":${JSON.stringify(stateName(m?.states, b))}`;
  }
  return `${s}}`;
}

export function* traceJsonl(trace: ColumnarTrace, opts: JsonlOptions = {}): Generator<string> {
  const from = Math.max(0, opts.from ?? 0);
  const to = Math.min(trace.length, opts.to ?? trace.length);
  const per = Math.max(1, opts.rowsPerPiece ?? 4096);
  const cache = new Map<number, string>();
  for (let at = from; at < to; at += per) {
    const w = trace.rowsWindow(at, Math.min(to, at + per));
    const lines: string[] = new Array(w.length);
    for (let i = 0; i < w.length; i++) {
      lines[i] = line(w.from + i, w.t[i]!, w.code[i]!, w.obj[i]!, w.a[i]!, w.b[i]!, cache);
    }
    yield `${lines.join('\n')}\n`;
  }
}
