/**
 * The editor's draft: what the user typed, knob by knob, kept as text so that a half-typed or
 * wrong value can be shown with its error instead of being lost. `checkDraft` turns it into a
 * scenario-shaped value and lets sim-core's parseScenario judge it, so the editor's errors are
 * the schema's own named errors (the same the CLI prints), sorted to the field they name.
 */
import {
  type Fault,
  type PduField,
  parseScenario,
  type Scenario,
  type ScenarioError,
} from '../../../sim-core/page';
import { ALL_KNOBS } from './knobs';

export type FieldValue = string | boolean;

/** One fault as typed; only the keys of its kind are used. */
export interface FaultDraft {
  kind: Fault['kind'];
  segment: string;
  by: string;
  pdu: string;
  field: PduField;
  value: string;
}

export interface Draft {
  /** Knob path -> text (numbers, choices, hex) or boolean. */
  fields: Readonly<Record<string, FieldValue>>;
  faults: readonly FaultDraft[];
}

export interface Checked {
  /** The valid scenario, or null while any error remains. */
  scenario: Scenario | null;
  /** Errors by knob path (and by 'faults[i].key' / 'faults[i]' for faults). */
  byPath: ReadonlyMap<string, string[]>;
  /** Errors that name no field of the editor. */
  general: string[];
  count: number;
}

export function getPath(obj: unknown, path: string): unknown {
  let at: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = obj;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    const copy = typeof next === 'object' && next !== null ? { ...(next as Record<string, unknown>) } : {};
    at[key] = copy;
    at = copy;
  }
  at[keys[keys.length - 1]!] = value;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Text to a number when it reads as one; otherwise the text itself, which the schema then names as wrong. */
export function numberOf(text: string): number | string {
  const t = text.trim().replace(/_/g, '');
  return NUMBER_TEXT.test(t) ? Number(t) : text;
}

export function faultDraftOf(f: Fault): FaultDraft {
  return {
    kind: f.kind,
    segment: 'segment' in f ? String(f.segment) : '1',
    by: 'by' in f ? String(f.by) : '1',
    pdu: 'pdu' in f ? String(f.pdu) : '3',
    field: 'field' in f ? f.field : 'plen',
    value: 'value' in f ? String(f.value) : '0',
  };
}

/** A new fault of `kind`, with plain starting values (segment 1, PDU 3: the first write's command). */
export function newFault(kind: Fault['kind']): FaultDraft {
  return { kind, segment: '1', by: '1', pdu: '3', field: 'plen', value: '0' };
}

/** The fault as data, with only the keys its kind has. */
export function faultOf(f: FaultDraft): Record<string, unknown> {
  switch (f.kind) {
    case 'drop-segment':
    case 'duplicate-segment':
      return { kind: f.kind, segment: numberOf(f.segment) };
    case 'reorder-segment':
      return { kind: f.kind, segment: numberOf(f.segment), by: numberOf(f.by) };
    case 'corrupt-hdgst':
    case 'corrupt-ddgst':
      return { kind: f.kind, pdu: numberOf(f.pdu) };
    case 'corrupt-field':
      return { kind: f.kind, pdu: numberOf(f.pdu), field: f.field, value: numberOf(f.value) };
  }
}

export function draftOf(s: Scenario): Draft {
  const fields: Record<string, FieldValue> = {};
  for (const k of ALL_KNOBS) {
    const v = getPath(s, k.path);
    if (k.kind.type === 'bool') fields[k.path] = v === true;
    else if (k.kind.type === 'hex') fields[k.path] = typeof v === 'string' ? v : '';
    else fields[k.path] = String(v);
  }
  return { fields, faults: s.faults.map(faultDraftOf) };
}

/** The draft as a scenario-shaped value over `base` (whose identity fields it keeps). */
export function candidateOf(draft: Draft, base: Scenario): unknown {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const k of ALL_KNOBS) {
    const v = draft.fields[k.path];
    if (v === undefined) continue;
    if (k.kind.type === 'bool') setPath(out, k.path, v === true);
    else if (k.kind.type === 'hex') {
      const hex = String(v).replace(/\s+/g, '');
      setPath(out, k.path, hex === '' ? null : hex);
    } else setPath(out, k.path, typeof v === 'string' ? numberOf(v) : v);
  }
  out.faults = draft.faults.map(faultOf);
  return out;
}

const KNOB_PATHS = new Set(ALL_KNOBS.map((k) => k.path));

/** Sorts errors to the fields they name. */
export function sortErrors(errors: readonly ScenarioError[]): Omit<Checked, 'scenario'> {
  const byPath = new Map<string, string[]>();
  const general: string[] = [];
  for (const e of errors) {
    if (KNOB_PATHS.has(e.path) || /^faults(\[\d+\]|$)/.test(e.path)) {
      const list = byPath.get(e.path) ?? [];
      list.push(e.message);
      byPath.set(e.path, list);
    } else {
      general.push(e.message);
    }
  }
  return { byPath, general, count: errors.length };
}

export function checkDraft(draft: Draft, base: Scenario): Checked {
  const r = parseScenario(candidateOf(draft, base));
  if (r.ok) return { scenario: r.scenario, byPath: new Map(), general: [], count: 0 };
  return { scenario: null, ...sortErrors(r.errors) };
}
