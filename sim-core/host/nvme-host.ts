/**
 * The NVMe/TCP initiator (SPDK's lib/nvme/nvme_tcp.c and nvme_fabric.c) on one I/O queue
 * connection. Simplification: the admin queue and its own connection are left out; the I/O
 * queue's Connect names controller 1, the id the admin queue's Connect would have returned.
 *
 * Sequence: ICReq -> ICResp -> Fabrics Connect -> CapsuleResp -> writes, keeping `qd`
 * outstanding. A write up to in_capsule_data_size carries its data in the capsule; a larger one
 * waits for an R2T and answers with H2CData PDUs of at most MAXH2CDATA bytes.
 * Simplification: the host itself is infinitely fast (no host CPU time); its PDU writes reach
 * the socket at once, and all PDUs produced by one event go out in one flush (SPDK's
 * posix sock batches queued writes into one sendmsg), so segments cross PDU boundaries.
 */
import { bump } from '../ledger/ledger';
import { defineHandler, newId, record, type Sim, schedule, setState } from '../engine/sim';
import { nextInt } from '../engine/rng';
import {
  NVME_TCP_PDA_MAX,
  PDU_C2H_TERM_REQ,
  PDU_CAPSULE_RESP,
  PDU_IC_RESP,
  PDU_R2T,
  type PduParsed,
  parsePdu,
  pduTypeName,
} from '../wire/nvme-tcp/index';
import { EPHEMERAL_HI, EPHEMERAL_LO, NVME_TCP_PORT } from './addresses';
import {
  C_CAPSULE_CMD,
  C_CAPSULE_RESP,
  C_CONNECT,
  C_DISCONNECT,
  C_FABRIC_CONNECT,
  C_FABRIC_CONNECT_DONE,
  C_FAULT_DDGST,
  C_FAULT_FIELD,
  C_FAULT_HDGST,
  C_FAULT_NOT_APPLIED,
  C_H2C_DATA,
  C_ICREQ,
  C_ICRESP,
  C_PDU_BAD,
  C_R2T,
  C_RAW_STREAM,
  C_REQ_COMPLETE,
  C_REQ_FAILED,
  C_SUBMIT,
  C_TCP_SENDMSG,
  C_TERM_REQ,
} from './codes';
import { EV_HOST_START, EV_ISSUE } from './events';
import { HOST_QPAIR_MACHINE, QpState } from './machines';
import {
  type BuiltPdu,
  buildConnect,
  buildH2CData,
  buildIcReq,
  buildWriteCmd,
  CONNECT_CID,
  IO_QID,
  LBA_BYTES,
  pduParts,
} from './pdu-build';
import { applyPduFault } from './pdu-faults';
import { discardUnsent, enqueue } from './send-queue';
import { disarmPersist, disarmRto, tcpWriteXmit } from './tcp-output';
import { releaseHeld } from './link';
import type { WriteReq } from './state';

/** SPDK's host refuses an ICResp offering less than this (NVME_TCP_PDU_H2C_MIN_DATA_SIZE). */
const H2C_MIN_DATA_SIZE = 4096;
const REQ_ACTIVE = 1;
const REQ_ACTIVE_R2T = 2;

/**
 * Draw the connection's random choices from w.rng (ephemeral port, both ISNs, timestamp clock
 * offsets, first IP ids), record the connection, and schedule the first PDU at time 0.
 * Setup calls it once after initHostState; afterwards `connectionInfo(w)` (summary.ts) has
 * what the target's TCP needs (its rcv_nxt starts at hostIss + 1).
 * Simplification: the three-way handshake is not modelled; both sides start ESTABLISHED, the
 * SYNs having used ISN + 0 on each side.
 */
export function startHost(sim: Sim): void {
  const w = sim.w;
  const h = w.host;
  const r = w.rng;
  h.hostPort = EPHEMERAL_LO + nextInt(r, EPHEMERAL_HI - EPHEMERAL_LO + 1);
  h.tcp.iss = nextInt(r, 0x1_0000_0000);
  h.tgt.iss = nextInt(r, 0x1_0000_0000);
  h.tcp.tsOffset = nextInt(r, 0x1_0000_0000);
  h.tgt.tsOffset = nextInt(r, 0x1_0000_0000);
  h.tcp.ipId = nextInt(r, 0x10000);
  h.tgt.ipId = nextInt(r, 0x10000);
  h.rx.irs = h.tgt.iss;
  h.tgt.ack = (h.tcp.iss + 1) >>> 0;
  h.started = true;
  record(sim, C_CONNECT, h.hostPort, NVME_TCP_PORT, h.tcp.mss);
  schedule(sim, 0, EV_HOST_START);
}

defineHandler(EV_HOST_START, 'host start', (sim) => {
  const w = sim.w;
  const h = w.host;
  if (h.mode === 'raw') {
    const id = newId(sim);
    const raw = h.raw ?? new Uint8Array(0);
    record(sim, C_RAW_STREAM, id, raw.length, 0);
    const off = enqueue(h.tcp, id, [{ bytes: raw }]);
    record(sim, C_TCP_SENDMSG, id, off, raw.length);
  } else {
    const s = w.scenario.spdk;
    sendPdu(
      sim,
      buildIcReq(w.scenario.workload.hpda, s.headerDigest, s.dataDigest),
      C_ICREQ,
      w.scenario.workload.hpda,
      (s.headerDigest ? 1 : 0) | (s.dataDigest ? 2 : 0),
    );
  }
  tcpWriteXmit(sim);
});

/**
 * Hand a built PDU to the socket (nvme_tcp_qpair_write_pdu -> writev): its build row, any
 * PDU fault that names it (K-th PDU the host sends, ICReq = 1), then tcp_sendmsg.
 */
function sendPdu(sim: Sim, p: BuiltPdu, code: number, a: number, b: number): number {
  const w = sim.w;
  const n = w.host.nvme;
  const id = newId(sim);
  record(sim, code, id, a, b);
  const k = ++n.pdus;
  w.scenario.faults.forEach((f, i) => {
    if (!('pdu' in f) || f.pdu !== k) return;
    const r = applyPduFault(p, f);
    if (r === null) {
      record(sim, C_FAULT_NOT_APPLIED, id, k, i);
      return;
    }
    w.host.stats.faultsApplied++;
    bump(sim, 'host.faultsApplied');
    const fc =
      f.kind === 'corrupt-hdgst' ? C_FAULT_HDGST : f.kind === 'corrupt-ddgst' ? C_FAULT_DDGST : C_FAULT_FIELD;
    record(sim, fc, id, r.a, r.b);
  });
  const name = pduTypeName(p.type);
  n.pdusByType[name] = (n.pdusByType[name] ?? 0) + 1;
  const off = enqueue(w.host.tcp, id, pduParts(p));
  record(sim, C_TCP_SENDMSG, id, off, p.plen);
  return id;
}

function negotiated(sim: Sim) {
  const n = sim.w.host.nvme;
  return { hdgst: n.hdgst, ddgst: n.ddgst, cpda: n.cpda };
}

// ---- writes ---------------------------------------------------------------------------------

/** Next command id: 1, 2, 3 ... wrapping below 0xffff, skipping ids still in flight. */
export function allocCid(sim: Sim): number {
  const n = sim.w.host.nvme;
  for (;;) {
    const cid = n.nextCid;
    n.nextCid = cid >= 0xfffe ? 1 : cid + 1;
    if (cid !== CONNECT_CID && !n.inflight.some((r) => r.cid === cid)) return cid;
  }
}

function issueOne(sim: Sim): void {
  const w = sim.w;
  const n = w.host.nvme;
  const len = w.scenario.workload.ioSizeBytes;
  const inCapsule = len <= w.scenario.spdk.inCapsuleDataSize;
  const blocks = Math.max(1, Math.ceil(len / LBA_BYTES));
  const slba = (n.issued * blocks) % 0x1_0000_0000;
  const cid = allocCid(sim);
  n.issued++;
  if (n.firstIssueNs < 0) n.firstIssueNs = w.now;
  n.inflight.push({ cid, len, inCapsule, state: REQ_ACTIVE, ttag: 0, datao: 0, issuedAt: w.now });
  record(sim, C_SUBMIT, cid, len, inCapsule ? 1 : 0);
  const p = buildWriteCmd(negotiated(sim), cid, len, slba, inCapsule);
  sendPdu(sim, p, C_CAPSULE_CMD, cid, p.plen);
}

function canIssue(sim: Sim): boolean {
  const n = sim.w.host.nvme;
  return !n.ended && n.qp.state === QpState.RUNNING && n.issued < n.writes && n.inflight.length < n.qd;
}

/** Keep the queue full: at once, or one command per think time. */
function maybeIssue(sim: Sim): void {
  const w = sim.w;
  const n = w.host.nvme;
  const think = w.scenario.workload.thinkTimeNs;
  if (think > 0) {
    if (!n.issuePending && canIssue(sim)) {
      n.issuePending = true;
      schedule(sim, think, EV_ISSUE);
    }
    return;
  }
  while (canIssue(sim)) issueOne(sim);
}

defineHandler(EV_ISSUE, 'host issues a write', (sim) => {
  sim.w.host.nvme.issuePending = false;
  if (canIssue(sim)) issueOne(sim);
  maybeIssue(sim);
  tcpWriteXmit(sim);
});

// ---- PDUs from the target --------------------------------------------------------------------

function bad(sim: Sim, type: number, what: number, off: number): void {
  record(sim, C_PDU_BAD, type, what, off);
}

/** A complete PDU from the target's stream, at offset `off` of that stream. */
export function onTargetPdu(sim: Sim, bytes: Uint8Array, off: number): void {
  const n = sim.w.host.nvme;
  if (n.ended) return;
  const beforeIc = n.qp.state === QpState.INVALID;
  const parsed = parsePdu(bytes, 0, beforeIc ? {} : { hdgst: n.hdgst, ddgst: n.ddgst });
  if (!parsed.ok) {
    if (sim.w.host.mode === 'nvme') bad(sim, bytes[0] ?? 0, parsed.offset ?? 0, off);
    return;
  }
  const type = parsed.value.type;
  if (type === PDU_C2H_TERM_REQ) {
    onTermReq(sim, parsed, off);
    return;
  }
  if (sim.w.host.mode === 'raw') return;
  switch (type) {
    case PDU_IC_RESP:
      onIcResp(sim, parsed, off);
      return;
    case PDU_R2T:
      onR2T(sim, parsed, off);
      return;
    case PDU_CAPSULE_RESP:
      onCapsuleResp(sim, parsed, off);
      return;
    default:
      bad(sim, type, 0, off);
  }
}

function onIcResp(sim: Sim, p: PduParsed, off: number): void {
  const w = sim.w;
  const n = w.host.nvme;
  const v = p.value;
  if (v.type !== PDU_IC_RESP) return;
  if (n.qp.state !== QpState.INVALID) {
    bad(sim, v.type, 0, off);
    return;
  }
  // nvme_tcp_icresp_handle's checks; a real host would answer a bad one with an H2CTermReq.
  const badAt = v.pfv !== 0 ? 8 : v.maxh2cdata < H2C_MIN_DATA_SIZE ? 12 : v.cpda > NVME_TCP_PDA_MAX ? 10 : -1;
  if (badAt >= 0) {
    bad(sim, v.type, badAt, off);
    disconnect(sim);
    return;
  }
  n.maxh2cdata = v.maxh2cdata;
  n.cpda = v.cpda;
  n.hdgst = (v.dgst & 1) !== 0;
  n.ddgst = (v.dgst & 2) !== 0;
  record(sim, C_ICRESP, off, v.maxh2cdata, v.cpda);
  setState(sim, HOST_QPAIR_MACHINE.id, w.host.hostPort, n.qp, QpState.FABRIC_CONNECT_SEND);
  // Queue entries: one per outstanding command, at least 2 (the target refuses SQSIZE 0).
  const sqsize = Math.max(n.qd, 2) - 1;
  sendPdu(sim, buildConnect(negotiated(sim), sqsize), C_FABRIC_CONNECT, IO_QID, sqsize);
  setState(sim, HOST_QPAIR_MACHINE.id, w.host.hostPort, n.qp, QpState.FABRIC_CONNECT_POLL);
}

function findReq(sim: Sim, cid: number): WriteReq | undefined {
  return sim.w.host.nvme.inflight.find((r) => r.cid === cid);
}

function onR2T(sim: Sim, p: PduParsed, off: number): void {
  const n = sim.w.host.nvme;
  const v = p.value;
  if (v.type !== PDU_R2T) return;
  const req = findReq(sim, v.cccid);
  // nvme_tcp_r2t_hdr_handle: unknown command, wrong offset, or a range past the data.
  if (req === undefined || req.inCapsule) {
    bad(sim, v.type, 8, off);
    return;
  }
  if (v.r2to !== req.datao) {
    bad(sim, v.type, 12, off);
    return;
  }
  if (v.r2to + v.r2tl > req.len || req.state === REQ_ACTIVE_R2T) {
    bad(sim, v.type, 16, off);
    return;
  }
  record(sim, C_R2T, req.cid, v.r2to, v.r2tl);
  req.state = REQ_ACTIVE_R2T;
  req.ttag = v.ttag;
  const end = v.r2to + v.r2tl;
  const neg = negotiated(sim);
  // nvme_tcp_send_h2c_data, once per piece (SPDK sends the next when the previous write completes,
  // which in this model is at once).
  while (req.datao < end) {
    const datal = Math.min(n.maxh2cdata, end - req.datao);
    const last = req.datao + datal === end;
    const pdu = buildH2CData(neg, req.cid, req.ttag, req.datao, datal, req.len, last);
    sendPdu(sim, pdu, C_H2C_DATA, req.datao, datal);
    req.datao += datal;
  }
  req.state = REQ_ACTIVE;
}

function onCapsuleResp(sim: Sim, p: PduParsed, off: number): void {
  const w = sim.w;
  const n = w.host.nvme;
  const v = p.value;
  if (v.type !== PDU_CAPSULE_RESP) return;
  const cqe = v.cqe;
  // Status code type and status code, without the phase, retry-delay, more and DNR bits.
  const status = (cqe.status >>> 1) & 0x7ff;
  if (n.qp.state === QpState.FABRIC_CONNECT_POLL && cqe.cid === CONNECT_CID) {
    n.cntlid = cqe.cdw0 & 0xffff;
    record(sim, C_FABRIC_CONNECT_DONE, cqe.cid, status, n.cntlid);
    if (status !== 0) {
      disconnect(sim);
      return;
    }
    setState(sim, HOST_QPAIR_MACHINE.id, w.host.hostPort, n.qp, QpState.RUNNING);
    maybeIssue(sim);
    return;
  }
  const idx = n.inflight.findIndex((r) => r.cid === cqe.cid);
  if (idx < 0) {
    bad(sim, v.type, 8 + 12, off);
    return;
  }
  const req = n.inflight[idx]!;
  record(sim, C_CAPSULE_RESP, req.cid, status, cqe.sqhd);
  n.inflight.splice(idx, 1);
  n.lastAnswerNs = w.now;
  if (status === 0) {
    n.completed++;
    record(sim, C_REQ_COMPLETE, req.cid, Math.round((w.now - req.issuedAt) / 1000), n.inflight.length);
  } else {
    n.failed.push({ cid: req.cid, status });
    record(sim, C_REQ_FAILED, req.cid, status, n.inflight.length);
  }
  maybeIssue(sim);
}

function onTermReq(sim: Sim, p: PduParsed, off: number): void {
  const n = sim.w.host.nvme;
  const v = p.value;
  if (v.type !== PDU_C2H_TERM_REQ) return;
  n.termReqs.push({ fes: v.fes, fei: v.fei });
  bump(sim, 'host.termReqs');
  record(sim, C_TERM_REQ, off, v.fes, v.fei);
  disconnect(sim);
}

/**
 * nvme_tcp_ctrlr_disconnect_qpair: the connection is over. Outstanding commands are abandoned,
 * unsent bytes are dropped and the socket sends nothing more (no retransmissions either).
 * Simplification: the socket close (FIN or RST) is not modelled.
 */
export function disconnect(sim: Sim): void {
  const w = sim.w;
  const h = w.host;
  const n = h.nvme;
  if (n.ended) return;
  n.ended = true;
  setState(sim, HOST_QPAIR_MACHINE.id, h.hostPort, n.qp, QpState.EXITING);
  // Frames a reorder fault holds are already in the network: they still arrive.
  releaseHeld(sim);
  const dropped = discardUnsent(h.tcp);
  h.tcp.closed = true;
  disarmRto(sim);
  disarmPersist(sim);
  record(sim, C_DISCONNECT, h.hostPort, dropped, n.inflight.length);
  setState(sim, HOST_QPAIR_MACHINE.id, h.hostPort, n.qp, QpState.EXITED);
}
