/**
 * The event log's filter, run in the worker over the whole trace: which steps match a query of
 * words and kinds. The answer is a Uint32Array of matching steps kept in the worker; the page
 * asks for windows of it, so the page never holds the trace (or the match list) whole.
 *
 * A row matches when it is of one of the chosen kinds (any row when none is chosen) and every
 * word of the text occurs, ignoring case, in its function name, layer or caption as
 * describeRow words them (sim-core/view/row.ts) — the same words the log shows.
 */
import { allCodes } from '../../sim-core/trace/codes';
import { describeRow, isStateCode } from '../../sim-core/view/row';
import { breakpointTest, type Columns } from '../../sim-core/view/scan';

/** Kinds of rows the log can be narrowed to (code book markers, and state changes). */
export type FilterKind = 'state' | 'irq' | 'drop' | 'termreq' | 'error';
export const FILTER_KINDS: readonly FilterKind[] = ['state', 'irq', 'drop', 'termreq', 'error'];

export interface FilterQuery {
  text: string;
  kinds: FilterKind[];
}

export type RowMatch = (code: number, obj: number, a: number, b: number) => boolean;

/** The query's words: lower case, split on white space. */
export function queryWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** True when the query selects every row (no words, no kinds). */
export function isEmptyQuery(q: FilterQuery): boolean {
  return queryWords(q.text).length === 0 && q.kinds.length === 0;
}

/** What a row's words are matched against. */
export function haystack(code: number, obj: number, a: number, b: number): string {
  const r = describeRow(0, { t: 0, code, obj, a, b });
  return `${r.fn} ${r.layer} ${r.caption}`.toLowerCase();
}

function kindTest(kinds: readonly FilterKind[]): (code: number) => boolean {
  if (kinds.length === 0) return () => true;
  const marked = new Set<number>();
  for (const info of allCodes()) {
    const m = info.marker;
    if (m !== undefined && m !== 'state' && m !== 'termreq' && kinds.includes(m)) marked.add(info.code);
  }
  // TermReqs as the breakpoint of that name sees them (rows marked termreq and an H2CTermReq).
  const termreq = kinds.includes('termreq') ? breakpointTest({ kind: 'termreq' }) : null;
  const state = kinds.includes('state');
  return (code) => marked.has(code) || (state && isStateCode(code)) || (termreq?.(code, 0, 0, 0) ?? false);
}

/**
 * A row test for the query. Descriptions depend on the code alone except for state changes
 * (machine, object, from and to), so answers are cached per code, and per (code, a, b, obj)
 * for state rows: a scan over millions of rows describes each distinct row once.
 */
export function compileFilter(q: FilterQuery): RowMatch {
  const words = queryWords(q.text);
  const kindOk = kindTest(q.kinds);
  const textOk = (code: number, obj: number, a: number, b: number) => {
    if (words.length === 0) return true;
    const h = haystack(code, obj, a, b);
    return words.every((w) => h.includes(w));
  };
  // 0 not known yet, 1 matches, 2 does not (non-state codes).
  const byCode = new Uint8Array(65536);
  const byState = new Map<number, boolean>();
  const objFree = words.every((w) => !/[0-9]/.test(w));
  const byTransition = new Uint8Array(100 * 1024);
  return (code, obj, a, b) => {
    const known = byCode[code]!;
    if (known !== 0) return known === 1;
    if (!isStateCode(code)) {
      const ok = kindOk(code) && textOk(code, obj, a, b);
      byCode[code] = ok ? 1 : 2;
      return ok;
    }
    if (!kindOk(code)) {
      byCode[code] = 2;
      return false;
    }
    if (words.length === 0) {
      byCode[code] = 1;
      return true;
    }
    // State indices are small; anything else is described each time (never seen in practice).
    if (a < 0 || a >= 32 || b < 0 || b >= 32) return textOk(code, obj, a, b);
    const slot = (code - 900) * 1024 + a * 32 + b;
    if (objFree) {
      // No word has a digit, so none can touch the object's number: (code, a, b) decides.
      const k = byTransition[slot]!;
      if (k !== 0) return k === 1;
      const ok = textOk(code, 0, a, b);
      byTransition[slot] = ok ? 1 : 2;
      return ok;
    }
    const key = slot * 2 ** 32 + obj;
    let ok = byState.get(key);
    if (ok === undefined) {
      ok = textOk(code, obj, a, b);
      byState.set(key, ok);
    }
    return ok;
  };
}

/** Steps of the rows that match, ascending. Memory: 4 bytes per match (grown by doubling). */
export function matchSteps(c: Columns, match: RowMatch): Uint32Array {
  let out = new Uint32Array(1024);
  let n = 0;
  for (const ch of c.chunks) {
    const { code, obj, a, b } = ch;
    for (let j = 0; j < ch.length; j++) {
      if (!match(code[j]!, obj[j]!, a[j]!, b[j]!)) continue;
      if (n === out.length) {
        const grown = new Uint32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = ch.from + j;
    }
  }
  // A copy of the used part, so the spare capacity is freed.
  return out.slice(0, n);
}

/** Index of the last match at or before `step`, or -1 when every match is after it. */
export function indexAtOrBefore(steps: Uint32Array, step: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! <= step) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
