/**
 * structuredClone is a host function (HTML; Node 17+), not ECMAScript, so the purity build
 * (lib ES2022, no DOM, no Node types) does not declare it. Declared here for this module only;
 * at run time it is the global one, the same in Node and in a worker.
 */
declare const structuredClone: (value: unknown) => unknown;

/** A deep, independent copy (typed arrays copied, aliasing and cycles kept). */
export function deepClone<T>(value: T): T {
  return structuredClone(value) as T;
}
