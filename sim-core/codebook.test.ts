import { expect, it } from 'vitest';
import './codebook';
import { allCodes } from './trace/codes';
import { allMachines } from './trace/machines';

// The page registers codes through codebook.ts only (sim-core/page.ts); the worker through the
// stages' logic. If a stage defined a code or machine outside its codes/machines files, the
// page's event log and call stack would not know it: loading the whole simulation must add nothing.
it('registers every trace code and machine that loading the simulation registers', async () => {
  const codes = allCodes().map((c) => c.code);
  const machines = allMachines().map((m) => m.id);
  expect(codes.length).toBeGreaterThan(100);
  expect(codes).toContain(560); // the reactor's, split out of spdk/reactor.ts
  await import('./index');
  expect(allCodes().map((c) => c.code)).toEqual(codes);
  expect(allMachines().map((m) => m.id)).toEqual(machines);
});
