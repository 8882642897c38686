/**
 * State machines whose changes are recorded. A state-change row has code
 * `STATE_CODE_BASE + machine`, obj = the object's id, a = old state, b = new state
 * (indices into `states`). The nvmf machines take their state lists from the XState
 * definitions that run them (spdk/nvmf/machines), so names cannot drift.
 */
export const STATE_CODE_BASE = 900;

export interface MachineInfo {
  id: number;
  name: string;
  /** Upstream enum the states come from. */
  upstream: string;
  states: readonly string[];
}

const machines = new Map<number, MachineInfo>();

export function defineMachine(info: MachineInfo): MachineInfo {
  const prev = machines.get(info.id);
  if (prev && prev !== info) throw new Error(`machine id ${info.id} used by ${prev.name} and ${info.name}`);
  machines.set(info.id, info);
  return info;
}

export function machineInfo(id: number): MachineInfo | undefined {
  return machines.get(id);
}

export function allMachines(): MachineInfo[] {
  return [...machines.values()].sort((x, y) => x.id - y.id);
}
