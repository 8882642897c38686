/**
 * The target's transmit side, as far as the host sees it: the two hooks the target's stages
 * call. `sendAck` (from tcp/) puts a pure ACK on the wire; `targetSend` (from spdk/nvmf) puts
 * a PDU into the target's byte stream, cut into MSS segments that carry the latest ACK.
 * Simplification: the target's TCP send path is not modelled beyond producing these frames:
 * no send window, no retransmission (the target -> host direction never loses a frame).
 */
import type { AckInfo } from '../engine/hooks';
import type { Sim } from '../engine/sim';
import { buildTargetFrame } from './frames';
import { sendToHost } from './link';

/** hooks.sendAck: remember the ACK state (later data frames carry it too) and send a pure ACK. */
export function hostSendAck(sim: Sim, ack: AckInfo): void {
  const w = sim.w;
  const g = w.host.tgt;
  g.ack = ack.ack >>> 0;
  g.wnd = ack.window;
  g.sack = ack.sack.map(([l, r]) => [l >>> 0, r >>> 0] as [number, number]);
  const frame = buildTargetFrame(
    w.host,
    w.now,
    g.nxt,
    new Uint8Array(0),
    false,
    w.scenario.wire.tcpTimestamps,
  );
  sendToHost(sim, frame, 0);
}

/** hooks.targetSend: the PDU's bytes follow the target's stream, PSH on the segment that ends it. */
export function hostTargetSend(sim: Sim, pdu: Uint8Array): void {
  const w = sim.w;
  const h = w.host;
  const g = h.tgt;
  const mss = h.tcp.mss;
  for (let pos = 0; pos < pdu.length; ) {
    const len = Math.min(mss, pdu.length - pos);
    const last = pos + len === pdu.length;
    const frame = buildTargetFrame(
      h,
      w.now,
      g.nxt,
      pdu.subarray(pos, pos + len),
      last,
      w.scenario.wire.tcpTimestamps,
    );
    g.nxt += len;
    pos += len;
    sendToHost(sim, frame, len);
  }
}

/** The two hooks this folder implements, for setup.ts. */
export const hostHooks = { sendAck: hostSendAck, targetSend: hostTargetSend };
