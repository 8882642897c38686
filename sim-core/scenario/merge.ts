/**
 * Deep merge of a partial scenario over a complete one. Objects merge key by key; arrays (faults)
 * and every other value replace. `undefined` in the patch means "not given". Neither argument is
 * mutated and the result shares no object with either. Callers run `guardInput` on the patch first
 * (forbidden keys, depth), so recursion here is shallow and key assignment is safe; own properties
 * are still defined with defineProperty so that no key can reach a prototype.
 */
import { isPlainObject } from './guard';

/** A scenario with any subset of its fields; arrays (faults) are given whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Copies plain objects and arrays; other values are returned as they are. */
export function cloneData<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => cloneData(x)) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) setOwn(out, key, cloneData(v[key]));
    return out as T;
  }
  return v;
}

export function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return cloneData(base);
  if (!isPlainObject(base) || !isPlainObject(patch)) return cloneData(patch);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base)) setOwn(out, key, cloneData(base[key]));
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === undefined) continue;
    setOwn(out, key, Object.hasOwn(base, key) ? deepMerge(base[key], value) : cloneData(value));
  }
  return out;
}
