/**
 * Structural guards run before any other reading of an untrusted scenario: prototype-polluting keys,
 * absurd nesting and absurd size. Iterative (no recursion), so deep inputs cannot overflow the stack.
 */
import { formatPath, formatValue, type ScenarioError } from './errors';

export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** A valid scenario nests 4 levels deep; anything far deeper is rejected before parsing. */
export const MAX_DEPTH = 16;
/** A valid scenario has about 80 values plus at most 64 faults of 4; this leaves ample room. */
export const MAX_NODES = 10_000;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function hasOwn(o: object, key: PropertyKey): boolean {
  return Object.hasOwn(o, key);
}

/** Reads the value at `path` through own properties only. */
export function getAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null || !hasOwn(cur, seg))
      return { present: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return { present: true, value: cur };
}

/**
 * Errors for forbidden keys anywhere, nesting deeper than MAX_DEPTH and more than MAX_NODES values.
 * Empty when the input is safe to hand to the schema.
 */
export function guardInput(input: unknown): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const stack: { value: unknown; path: PropertyKey[]; ancestors: object[] }[] = [
    { value: input, path: [], ancestors: [] },
  ];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path, ancestors } = stack.pop()!;
    nodes += 1;
    if (typeof value !== 'object' || value === null) continue;
    if (ancestors.includes(value)) {
      const p = formatPath(path);
      errors.push({ path: p, value, message: `${p}: must not contain itself (a cycle)` });
      continue;
    }
    if (path.length >= MAX_DEPTH) {
      return [
        {
          path: formatPath(path),
          value,
          message: `${formatPath(path)}: nested too deeply (at most ${MAX_DEPTH} levels)`,
        },
      ];
    }
    const inner = [...ancestors, value];
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (nodes + stack.length + size > MAX_NODES) {
      return [
        { path: '', value: input, message: `scenario: must hold at most ${MAX_NODES} values in total` },
      ];
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i], ancestors: inner });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = (value as Record<string, unknown>)[key];
      if (FORBIDDEN_KEYS.includes(key)) {
        const p = formatPath([...path, key]);
        errors.push({
          path: p,
          value: child,
          message: `${p} = ${formatValue(child)}: forbidden key "${key}" (the keys ${FORBIDDEN_KEYS.join(', ')} are never allowed)`,
        });
        continue;
      }
      stack.push({ value: child, path: [...path, key], ancestors: inner });
    }
  }
  return errors;
}
