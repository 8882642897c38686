/**
 * parseScenario: any value in, a valid Scenario or a list of errors out. Never throws: the guard
 * rejects forbidden keys and absurd shapes first, then zod checks fields and cross-field rules, and
 * every zod issue becomes one ScenarioError whose message names the path, the value and the rule.
 */
import { z } from 'zod';
import {
  describeThrown,
  formatPath,
  type ParseResult,
  type ScenarioError,
  ScenarioValidationError,
  subject,
} from './errors';
import { getAt, guardInput } from './guard';
import { FAULT_KEYS, scenarioObjectSchema, scenarioSchema } from './schema';
import type { Fault, Scenario } from './types';

/** At most this many errors are returned (the rest are summarised in one last error). */
export const MAX_ERRORS = 50;

/** Keys allowed in the object at `path` (for "unknown field" messages). */
function allowedKeys(path: readonly PropertyKey[], input: unknown): readonly string[] {
  if (path[0] === 'faults' && path.length === 2) {
    const kind = getAt(input, [...path, 'kind']).value;
    return typeof kind === 'string' && kind in FAULT_KEYS ? FAULT_KEYS[kind as Fault['kind']] : ['kind'];
  }
  let node: unknown = scenarioObjectSchema;
  for (const seg of path) {
    if (!(node instanceof z.ZodObject)) return [];
    node = (node.shape as Record<string, unknown>)[String(seg)];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function issueToErrors(issue: z.core.$ZodIssue, input: unknown): ScenarioError[] {
  if (issue.code === 'unrecognized_keys') {
    const parent = formatPath(issue.path);
    const allowed = allowedKeys(issue.path, input);
    return issue.keys.map((key) => {
      const p = formatPath([...issue.path, key]);
      const { value } = getAt(input, [...issue.path, key]);
      return {
        path: p,
        value,
        message: `${subject(p, value, true)}: unknown field; ${parent || 'the scenario'} allows only ${allowed.join(', ')}`,
      };
    });
  }
  const p = formatPath(issue.path);
  const { present, value } = getAt(input, issue.path);
  return [{ path: p, value, message: `${subject(p, value, present)}: ${issue.message}` }];
}

function cap(errors: ScenarioError[]): ScenarioError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - (MAX_ERRORS - 1);
  return [
    ...errors.slice(0, MAX_ERRORS - 1),
    { path: '', value: undefined, message: `scenario: ${rest} more errors not listed` },
  ];
}

export function parseScenario(input: unknown): ParseResult {
  try {
    const guarded = guardInput(input);
    if (guarded.length > 0) return { ok: false, errors: cap(guarded) };
    const result = scenarioSchema.safeParse(input);
    if (result.success) return { ok: true, scenario: result.data };
    const errors = result.error.issues.flatMap((issue) => issueToErrors(issue, input));
    if (errors.length === 0) {
      errors.push({
        path: '',
        value: input,
        message: `${subject('', input, true)}: is not a valid scenario`,
      });
    }
    return { ok: false, errors: cap(errors) };
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '', value: undefined, message: `scenario could not be read: ${describeThrown(e)}` }],
    };
  }
}

/** parseScenario for library callers: the Scenario, or a thrown ScenarioValidationError. */
export function assertScenario(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new ScenarioValidationError(result.errors);
  return result.scenario;
}
