/**
 * inspect(world, selection): every field of the selected object at one step, with a labelled hex
 * view (inspect-types.ts). Pure: it reads the world and never changes it (no buffer is allocated
 * in the world, nothing is cached in it), so it can run inside a replay at the moment a row is
 * written (view/cursor.ts) as well as on a restored world, with the same result. It never
 * throws for a selection: an object that does not exist at this step gives a plain "not
 * present" view, and nothing selected shows the PDU in progress.
 */
import type { World } from '../engine/world';
import { inspectCpu } from './inspect-cpu';
import { notPresent } from './inspect-format';
import { inspectSlot } from './inspect-nic';
import { inspectPdu } from './inspect-pdu';
import { inspectPipe } from './inspect-pipe';
import { inspectReq } from './inspect-req';
import { inspectQueue, inspectSkb } from './inspect-skb';
import type { InspectKind, InspectSelection, InspectView } from './inspect-types';
import type { PipeWrite } from './pipe';

export interface InspectContext {
  /** The last spdk_pipe_writer_advance row at or before the step (see lastPipeWrite in scan.ts). */
  lastPipeWrite?: PipeWrite | null;
}

const KINDS: readonly InspectKind[] = ['slot', 'skb', 'queue', 'cpu', 'pipe', 'pdu', 'req'];

/** A selection as a short key (cache keys): 'pdu' for nothing selected. */
export function selectionKey(sel: InspectSelection | null): string {
  return sel === null ? '-' : `${sel.kind}:${sel.id}`;
}

/** A well-formed selection (from a message: anything may arrive), or null when it is not one. */
export function isSelection(x: unknown): x is InspectSelection {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as { kind?: unknown; id?: unknown };
  return KINDS.includes(s.kind as InspectKind) && typeof s.id === 'number' && Number.isFinite(s.id);
}

export function inspect(w: World, sel: InspectSelection | null, ctx: InspectContext = {}): InspectView {
  if (sel === null) return inspectPdu(w, null);
  if (!isSelection(sel)) {
    return notPresent(
      null,
      'pdu',
      -1,
      'Nothing to inspect',
      'That selection names no kind of object the inspector knows.',
    );
  }
  switch (sel.kind) {
    case 'slot':
      return inspectSlot(w, sel);
    case 'skb':
      return inspectSkb(w, sel);
    case 'queue':
      return inspectQueue(w, sel);
    case 'cpu':
      return inspectCpu(w, sel);
    case 'pipe':
      return inspectPipe(w, sel, ctx.lastPipeWrite ?? null);
    case 'pdu':
      return inspectPdu(w, sel);
    case 'req':
      return inspectReq(w, sel);
  }
}
