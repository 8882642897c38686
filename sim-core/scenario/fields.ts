/**
 * Building blocks for the scenario schema: each numeric knob is described once by a `NumberRule`
 * (bounds, step, unit), and the same rule gives both the zod check and the sentence used in error
 * messages ("must be a multiple of 8 between 80 and 4096"), so a message can never disagree with
 * the check it reports.
 */
import { z } from 'zod';

export type Unit = 'ns' | 'ps/B' | 'B' | 'bit/s' | 'us' | 'ints/s' | 'Hz' | 'count';

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** Value must be a multiple of this. */
  readonly step?: number;
  readonly unit: Unit;
  /** Extra condition with its own wording, replacing the generic sentence (e.g. power of two). */
  readonly extra?: { readonly test: (v: number) => boolean; readonly text: string };
}

const UNIT_WORD: Record<Unit, string> = {
  ns: ' ns',
  'ps/B': ' ps per byte',
  B: ' bytes',
  'bit/s': ' bit/s',
  us: ' µs',
  'ints/s': ' interrupts/s',
  Hz: ' Hz',
  count: '',
};

/** 1500000000 ns -> "1.5 s"; used only as a hint in parentheses. */
export function humanNs(ns: number): string {
  if (ns >= 1e9) return `${ns / 1e9} s`;
  if (ns >= 1e6) return `${ns / 1e6} ms`;
  if (ns >= 1e3) return `${ns / 1e3} µs`;
  return `${ns} ns`;
}

export function humanBytes(b: number): string {
  if (b >= 1 << 30 && b % (1 << 30) === 0) return `${b / (1 << 30)} GiB`;
  if (b >= 1 << 20 && b % (1 << 20) === 0) return `${b / (1 << 20)} MiB`;
  if (b >= 1024 && b % 1024 === 0) return `${b / 1024} KiB`;
  return `${b} B`;
}

export function humanBps(bps: number): string {
  if (bps >= 1e9) return `${bps / 1e9} Gb/s`;
  if (bps >= 1e6) return `${bps / 1e6} Mb/s`;
  return `${bps} bit/s`;
}

function humanRange(rule: NumberRule): string {
  const h =
    rule.unit === 'ns' ? humanNs : rule.unit === 'B' ? humanBytes : rule.unit === 'bit/s' ? humanBps : null;
  if (h === null || rule.max < (rule.unit === 'B' ? 65_536 : 1000)) return '';
  return ` (${h(rule.min)} to ${h(rule.max)})`;
}

/** The sentence naming the allowed values, e.g. "must be a multiple of 8 between 80 and 4096". */
export function describeRule(rule: NumberRule): string {
  if (rule.extra) return rule.extra.text;
  const unit = UNIT_WORD[rule.unit];
  const kind = rule.step !== undefined && rule.step > 1 ? `a multiple of ${rule.step}` : 'an integer';
  return `must be ${kind} between ${rule.min} and ${rule.max}${unit}${humanRange(rule)}`;
}

export function satisfies(rule: NumberRule, v: number): boolean {
  if (!Number.isInteger(v) || v < rule.min || v > rule.max) return false;
  if (rule.step !== undefined && v % rule.step !== 0) return false;
  return rule.extra ? rule.extra.test(v) : true;
}

/** A zod number checked against `rule`; every failure (wrong type, NaN, range, step) carries the rule's sentence. */
export function int(rule: NumberRule) {
  const text = describeRule(rule);
  return z.number({ error: text }).refine((v) => satisfies(rule, v), { error: text });
}

export function bool() {
  return z.boolean({ error: 'must be true or false' });
}

export function isPowerOfTwo(v: number): boolean {
  return Number.isInteger(v) && v > 0 && (v & (v - 1)) === 0 && v <= 2 ** 30;
}
