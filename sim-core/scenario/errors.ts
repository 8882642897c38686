/** Errors of scenario validation: plain data for the UI and CLI, and one typed Error for the library. */
import type { Scenario } from './types';

export interface ScenarioError {
  /** Dotted path inside the scenario, e.g. 'nic.rxRingSize' or 'faults[0].pdu'; '' for the document itself. */
  path: string;
  /** The offending value as found in the input (undefined when missing). */
  value: unknown;
  /** One sentence naming the field, the value and what is allowed, e.g. "nic.rxRingSize = 100: must be ...". */
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** How many errors formatErrors spells out before summarising the rest. */
const FORMAT_LIMIT = 5;

export function formatErrors(errors: readonly ScenarioError[]): string {
  if (errors.length === 0) return 'no scenario errors';
  const shown = errors.slice(0, FORMAT_LIMIT).map((e) => e.message.replace(/[\r\n]+/g, ' '));
  const rest = errors.length - shown.length;
  const head = errors.length === 1 ? 'invalid scenario' : `invalid scenario (${errors.length} errors)`;
  return `${head}: ${shown.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
}

export class ScenarioValidationError extends Error {
  override readonly name = 'ScenarioValidationError';
  readonly errors: readonly ScenarioError[];

  constructor(errors: readonly ScenarioError[]) {
    super(formatErrors(errors));
    this.errors = errors;
  }
}

/** ['faults', 0, 'pdu'] -> 'faults[0].pdu' */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

const MAX_SHOWN_CHARS = 40;

/** A short, single-line rendering of any value for a message. Never throws. */
export function formatValue(v: unknown): string {
  try {
    switch (typeof v) {
      case 'string': {
        const shown = JSON.stringify(v.length > MAX_SHOWN_CHARS ? v.slice(0, MAX_SHOWN_CHARS) : v);
        return v.length > MAX_SHOWN_CHARS ? `${shown}… (${v.length} characters)` : shown;
      }
      case 'number':
      case 'boolean':
        return String(v);
      case 'bigint':
        return `${v.toString()}n`;
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
      default:
        if (v === null) return 'null';
        if (Array.isArray(v)) return v.length === 0 ? '[]' : `an array of ${v.length}`;
        return Object.keys(v as object).length === 0 ? '{}' : 'an object';
    }
  } catch {
    return 'an unreadable value';
  }
}

/** The "subject" of a message: "nic.rxRingSize = 100", "nic.rxRingSize is missing", "scenario = 5". */
export function subject(path: string, value: unknown, present: boolean): string {
  const name = path === '' ? 'scenario' : path;
  return present ? `${name} = ${formatValue(value)}` : `${name} is missing`;
}

/** Best-effort text of a caught exception. Never throws. */
export function describeThrown(e: unknown): string {
  try {
    if (e instanceof Error) return e.message;
    return String(e);
  } catch {
    return 'unknown error';
  }
}
