/**
 * A trace row described for people: the code book's function, file, link and caption, and for
 * state rows the machine and the names of the states it left and entered (trace/codes.ts,
 * trace/machines.ts).
 */
import { codeInfo, sourceUrl } from '../trace/codes';
import type { TraceRow } from '../trace/columns';
import { STATE_CODE_BASE, machineInfo } from '../trace/machines';
import type { RowView } from './types';

/** Rows with codes from here on are state changes (one code per machine). */
const STATE_CODE_END = STATE_CODE_BASE + 100;

export function isStateCode(code: number): boolean {
  return code >= STATE_CODE_BASE && code < STATE_CODE_END;
}

export function describeRow(step: number, row: TraceRow): RowView {
  const { t, code, obj, a, b } = row;
  if (isStateCode(code)) {
    const m = machineInfo(code - STATE_CODE_BASE);
    const name = m?.name ?? `machine ${code - STATE_CODE_BASE}`;
    const from = m?.states[a] ?? String(a);
    const to = m?.states[b] ?? String(b);
    return {
      step,
      t,
      code,
      fn: m?.upstream ?? name,
      file: '',
      url: null,
      layer: 'state',
      caption: `${name} ${obj}: ${from} -> ${to}`,
      obj,
      a,
      b,
      machine: name,
      from,
      to,
    };
  }
  const info = codeInfo(code);
  return {
    step,
    t,
    code,
    fn: info?.fn ?? `code ${code}`,
    file: info?.file ?? '',
    url: info === undefined ? null : sourceUrl(info),
    layer: info?.layer ?? 'engine',
    caption: info?.caption ?? '',
    obj,
    a,
    b,
  };
}
