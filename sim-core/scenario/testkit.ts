/** Helpers for this folder's tests (no test-runner imports, so it compiles with sim-core). */
import { DEFAULT_SCENARIO } from './defaults';
import { formatErrors, type ParseResult, type ScenarioError } from './errors';
import { cloneData } from './merge';

export type Doc = Record<string, unknown>;

export function base(): Doc {
  return cloneData(DEFAULT_SCENARIO) as unknown as Doc;
}

export function setPath(doc: Doc, path: string, value: unknown): Doc {
  const keys = path.split('.');
  let cur = doc;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Doc;
  cur[keys.at(-1)!] = value;
  return doc;
}

export function errorsOf(r: ParseResult): ScenarioError[] {
  if (r.ok) throw new Error('expected errors, got a valid scenario');
  return r.errors;
}

export function errorAt(r: ParseResult, path: string): ScenarioError {
  const e = errorsOf(r).find((x) => x.path === path);
  if (!e) throw new Error(`no error at ${path}; got: ${formatErrors(errorsOf(r))}`);
  return e;
}
