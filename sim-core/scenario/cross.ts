/**
 * Rules that tie two or more fields together. They run after every single field is valid, so they
 * may trust types and ranges. Each problem names the field it is reported on; validate.ts adds the
 * field's path and value in front of the sentence.
 */
import type { z } from 'zod';
import { humanBytes } from './fields';
import { MAX_WORKLOAD_BYTES, PDU_FIELD_BITS, SPDK_NVMF_MAX_SGL_ENTRIES } from './rules';
import type { Fault, Scenario } from './types';

export interface CrossProblem {
  path: (string | number)[];
  message: string;
}

/** Effective sk_rcvbuf: SO_RCVBUF is clamped to rmem_max, then doubled (sock_setsockopt). */
export function effectiveRcvbuf(tcp: Scenario['tcp']): number {
  return 2 * Math.min(tcp.soRcvbufRequest, tcp.rmemMax);
}

/** Buffers of `io_unit_size` one write needs from the shared pool (0 for in-capsule writes). */
export function poolBuffersPerWrite(s: Scenario): number {
  if (s.workload.ioSizeBytes <= s.spdk.inCapsuleDataSize) return 0;
  return Math.ceil(s.workload.ioSizeBytes / s.spdk.ioUnitSize);
}

/**
 * PDUs the generated host sends: ICReq, the Fabrics Connect CapsuleCmd, then per write one
 * CapsuleCmd, plus one H2CData when the data is not in-capsule (SPDK sends exactly one R2T per
 * request and maxh2cdata = max_io_size >= ioSizeBytes, so the data fits one H2CData PDU).
 * Null when the host sends a raw stream instead.
 */
export function hostPduCount(s: Scenario): number | null {
  if (s.workload.rawStreamHex !== null) return null;
  const perWrite = s.workload.ioSizeBytes <= s.spdk.inCapsuleDataSize ? 1 : 2;
  return 2 + s.workload.writes * perWrite;
}

function faultTarget(f: Fault): string {
  return 'segment' in f ? `segment ${f.segment}` : `PDU ${f.pdu}`;
}

export function crossFieldProblems(s: Scenario): CrossProblem[] {
  const out: CrossProblem[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path, message });
  const { spdk, workload, tcp } = s;

  // SPDK warns and clamps these two; the simulator refuses instead so that what runs is what was asked.
  if (spdk.inCapsuleDataSize > spdk.maxIoSize) {
    add(['spdk', 'inCapsuleDataSize'], `must be at most spdk.maxIoSize (${spdk.maxIoSize})`);
  }
  if (spdk.ioUnitSize > spdk.maxIoSize) {
    add(['spdk', 'ioUnitSize'], `must be at most spdk.maxIoSize (${spdk.maxIoSize})`);
  } else if (Math.floor(spdk.maxIoSize / spdk.ioUnitSize) > SPDK_NVMF_MAX_SGL_ENTRIES) {
    // nvmf_tcp_create: sge_count = max_io_size / io_unit_size > SPDK_NVMF_MAX_SGL_ENTRIES -> transport refused.
    add(
      ['spdk', 'ioUnitSize'],
      `must be at least spdk.maxIoSize / ${SPDK_NVMF_MAX_SGL_ENTRIES} (${Math.ceil(spdk.maxIoSize / SPDK_NVMF_MAX_SGL_ENTRIES)}): ` +
        `SPDK refuses more than ${SPDK_NVMF_MAX_SGL_ENTRIES} io units per max-size I/O`,
    );
  }
  // nvmf_tcp_create: core_count * buf_cache_size must not exceed num_shared_buffers (one reactor modelled).
  if (spdk.bufCacheSize > spdk.numSharedBuffers) {
    add(
      ['spdk', 'bufCacheSize'],
      `must be at most spdk.numSharedBuffers (${spdk.numSharedBuffers}): SPDK refuses a per-poll-group cache larger than the pool`,
    );
  }

  if (workload.queueDepth > spdk.maxQueueDepth) {
    add(['workload', 'queueDepth'], `must be at most spdk.maxQueueDepth (${spdk.maxQueueDepth})`);
  }
  if (workload.ioSizeBytes > spdk.maxIoSize) {
    add(
      ['workload', 'ioSizeBytes'],
      `must be at most spdk.maxIoSize (${spdk.maxIoSize}); larger writes fail with FES 0x05 in SPDK`,
    );
  }
  if (workload.writes * workload.ioSizeBytes > MAX_WORKLOAD_BYTES) {
    add(
      ['workload', 'writes'],
      `times workload.ioSizeBytes (${workload.ioSizeBytes}) must be at most ${MAX_WORKLOAD_BYTES} bytes (${humanBytes(MAX_WORKLOAD_BYTES)}) in total`,
    );
  }
  const perWrite = poolBuffersPerWrite(s);
  if (workload.writes > 0 && workload.rawStreamHex === null && perWrite > spdk.numSharedBuffers) {
    add(
      ['spdk', 'numSharedBuffers'],
      `must be at least ${perWrite}: each ${workload.ioSizeBytes}-byte write needs ${perWrite} buffers of ` +
        `spdk.ioUnitSize (${spdk.ioUnitSize}) and would wait in NEED_BUFFER forever`,
    );
  }

  const rcvbuf = effectiveRcvbuf(tcp);
  if (tcp.rcvlowat > rcvbuf) {
    add(
      ['tcp', 'rcvlowat'],
      `must be at most the socket's receive buffer, 2 x min(tcp.soRcvbufRequest, tcp.rmemMax) = ${rcvbuf}, or the reader is never woken`,
    );
  }

  checkFaults(s, add);
  return out;
}

function checkFaults(s: Scenario, add: (path: (string | number)[], message: string) => void): void {
  const pdus = hostPduCount(s);
  const segmentOwner = new Map<number, number>();
  const seen = new Set<string>();
  s.faults.forEach((f, i) => {
    const at = (key: string) => ['faults', i, key];
    const key = JSON.stringify(f);
    if (seen.has(key)) {
      add(['faults', i], 'must not repeat an earlier fault');
      return;
    }
    seen.add(key);

    if ('segment' in f) {
      const owner = segmentOwner.get(f.segment);
      if (owner !== undefined) {
        add(
          at('segment'),
          `must differ from faults[${owner}]: a segment can be dropped, duplicated or reordered once`,
        );
      } else {
        segmentOwner.set(f.segment, i);
      }
      return;
    }

    if (pdus === null) {
      add(at('pdu'), `cannot be used with workload.rawStreamHex: ${f.kind} needs PDUs generated by the host`);
      return;
    }
    if (f.pdu > pdus) {
      add(
        at('pdu'),
        `must be between 1 and ${pdus}: the host sends ${pdus} PDUs here (ICReq, Connect, then ` +
          `${s.workload.writes} write(s) of ${s.workload.ioSizeBytes <= s.spdk.inCapsuleDataSize ? '1 PDU' : '2 PDUs (CapsuleCmd, H2CData)'})`,
      );
    }
    if (f.kind === 'corrupt-hdgst' || f.kind === 'corrupt-ddgst') {
      const digest = f.kind === 'corrupt-hdgst' ? 'headerDigest' : 'dataDigest';
      if (!s.spdk[digest]) {
        add(
          ['spdk', digest],
          `must be true for the fault faults[${i}] (${f.kind} of ${faultTarget(f)}) to have a digest to corrupt`,
        );
      }
      if (f.pdu < 2) {
        add(at('pdu'), 'must be at least 2: PDU 1 is the ICReq, which never carries digests');
      }
    }
    if (f.kind === 'corrupt-field') {
      const bits = PDU_FIELD_BITS[f.field];
      const max = bits === 32 ? 0xffff_ffff : 2 ** bits - 1;
      if (f.value > max) {
        add(at('value'), `must be between 0 and ${max}: ${f.field} is a ${bits}-bit field`);
      }
      if (f.field === 'ttag' && f.value === 0) {
        // nvmf_tcp_h2c_data_hdr_handle checks only ttag > resource_count, then reads reqs[ttag - 1]:
        // ttag 0 would read before the array in real SPDK (undefined behaviour), so it cannot be simulated.
        add(
          at('value'),
          'must be between 1 and 65535 for ttag: SPDK v24.09 indexes reqs[ttag - 1] without checking 0',
        );
      }
    }
  });
}

/** zod adapter: report every cross-field problem as a custom issue. */
export function crossCheck(s: Scenario, ctx: z.core.$RefinementCtx<Scenario>): void {
  for (const p of crossFieldProblems(s)) {
    ctx.addIssue({ code: 'custom', path: p.path, message: p.message, input: undefined });
  }
}
