/**
 * The two "has data" flags of struct spdk_posix_sock and the socks_with_data list. The
 * call sites in posix.ts and group.ts set them exactly where v24.09 does; this records the
 * result as one state change of the "posix sock data" machine (mutate first, then record).
 */
import type { Sim } from '../../engine/sim';
import { setState } from '../../engine/sim';
import { SOCK_DATA_MACHINE } from './codes';
import type { SockState } from './state';

/** Object id of the one connection socket in sock rows. */
export const SOCK_OBJ = 0;

export function dataStateOf(s: SockState): number {
  return (s.socketHasData ? 1 : 0) | (s.pipeHasData ? 2 : 0);
}

/** Record the flags' new combination, if it changed. */
export function syncDataState(sim: Sim): void {
  const s = sim.w.sock;
  setState(sim, SOCK_DATA_MACHINE, SOCK_OBJ, s, dataStateOf(s));
}
