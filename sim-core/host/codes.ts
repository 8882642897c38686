/**
 * Trace codes of the host side (100-139 host and its kernel, 140-159 the wire and faults),
 * registered at import. Event kinds are in events.ts, recorded machines in machines.ts.
 */
import { type CodeInfo, defineCodes } from '../trace/codes';

// ---- trace codes --------------------------------------------------------------------------

export const C_CONNECT = 100;
export const C_ICREQ = 101;
export const C_ICRESP = 102;
export const C_FABRIC_CONNECT = 103;
export const C_FABRIC_CONNECT_DONE = 104;
export const C_SUBMIT = 105;
export const C_CAPSULE_CMD = 106;
export const C_R2T = 107;
export const C_H2C_DATA = 108;
export const C_CAPSULE_RESP = 109;
export const C_REQ_COMPLETE = 110;
export const C_REQ_FAILED = 111;
export const C_TERM_REQ = 112;
export const C_DISCONNECT = 113;
export const C_RAW_STREAM = 114;
export const C_PDU_BAD = 115;

export const C_TCP_SENDMSG = 120;
export const C_TCP_XMIT = 121;
export const C_TCP_WND_LIMITED = 122;
export const C_TCP_ZERO_WINDOW = 123;
export const C_TCP_ACK = 124;
export const C_TCP_DUPACK = 125;
export const C_TCP_FAST_RETRANS = 126;
export const C_TCP_RETRANSMIT = 127;
export const C_TCP_RTO = 128;
export const C_TCP_PROBE = 129;
export const C_TCP_WND_OPEN = 130;
export const C_TCP_SACK = 131;
export const C_TCP_RCV = 132;

export const C_WIRE_AT_TARGET = 140;
export const C_FAULT_DROP = 141;
export const C_FAULT_DUP = 142;
export const C_FAULT_HOLD = 143;
export const C_WIRE_RELEASE = 144;
export const C_FAULT_HDGST = 145;
export const C_FAULT_DDGST = 146;
export const C_FAULT_FIELD = 147;
export const C_FAULT_NOT_APPLIED = 148;
export const C_WIRE_TARGET_TX = 150;

const SPDK_HOST = 'lib/nvme/nvme_tcp.c';
const SPDK_FABRIC = 'lib/nvme/nvme_fabric.c';
const TCP_C = 'net/ipv4/tcp.c';
const TCP_OUT = 'net/ipv4/tcp_output.c';
const TCP_IN = 'net/ipv4/tcp_input.c';
const TCP_TIMER = 'net/ipv4/tcp_timer.c';

function spdk(
  code: number,
  fn: string,
  args: CodeInfo['args'],
  caption: string,
  marker?: CodeInfo['marker'],
): CodeInfo {
  const info: CodeInfo = { code, fn, file: SPDK_HOST, repo: 'spdk', layer: 'host', args, caption };
  if (marker) info.marker = marker;
  return info;
}

function linux(code: number, fn: string, file: string, args: CodeInfo['args'], caption: string): CodeInfo {
  return { code, fn, file, repo: 'linux', layer: 'host', args, caption };
}

function wire(
  code: number,
  fn: string,
  args: CodeInfo['args'],
  caption: string,
  marker?: CodeInfo['marker'],
): CodeInfo {
  const info: CodeInfo = { code, fn, file: '', repo: 'rxpath', layer: 'wire', args, caption };
  if (marker) info.marker = marker;
  return info;
}

export const HOST_CODES: readonly CodeInfo[] = [
  spdk(
    C_CONNECT,
    'nvme_tcp_qpair_connect_sock',
    { obj: 'host port', a: 'target port', b: 'MSS' },
    "The host opens one TCP connection for its I/O queue to the target's port 4420. The SYN handshake and the admin queue's own connection are left out.",
  ),
  spdk(
    C_ICREQ,
    'nvme_tcp_qpair_icreq_send',
    { obj: 'PDU id', a: 'HPDA', b: 'digests asked (1 header, 2 data)' },
    'The host sends ICReq, the first PDU: format version 0, the data alignment it wants (HPDA), the digests it asks for, and MAXR2T 0 (one R2T at a time).',
  ),
  spdk(
    C_ICRESP,
    'nvme_tcp_icresp_handle',
    { obj: "offset in the target's stream", a: 'MAXH2CDATA', b: 'CPDA' },
    "The host reads the target's ICResp: the largest H2CData payload it accepts, the data alignment it wants (CPDA) and the digests now in force.",
  ),
  {
    code: C_FABRIC_CONNECT,
    fn: 'nvme_fabric_qpair_connect_async',
    file: SPDK_FABRIC,
    repo: 'spdk',
    layer: 'host',
    args: { obj: 'PDU id', a: 'queue id', b: 'SQSIZE (0-based)' },
    caption:
      'The host sends the Fabrics Connect command for I/O queue 1 in a CapsuleCmd, with 1024 bytes of connect data (host id and names) inside the capsule.',
  },
  {
    code: C_FABRIC_CONNECT_DONE,
    fn: 'nvme_fabric_qpair_connect_poll',
    file: SPDK_FABRIC,
    repo: 'spdk',
    layer: 'host',
    args: { obj: 'command id', a: 'status (SCT << 8 | SC)', b: 'controller id' },
    caption:
      'The Connect command completed: with status 0 the I/O queue is ready for writes, otherwise the host gives up.',
  },
  spdk(
    C_SUBMIT,
    'nvme_tcp_qpair_submit_request',
    { obj: 'command id', a: 'bytes', b: '1 data in the capsule, 0 data after an R2T' },
    'The application submits an NVMe Write. The host gives it a command id and decides whether its data rides in the capsule or waits for an R2T.',
  ),
  spdk(
    C_CAPSULE_CMD,
    'nvme_tcp_qpair_capsule_cmd_send',
    { obj: 'PDU id', a: 'command id', b: 'PDU length (plen)' },
    'The host builds a CapsuleCmd PDU: the 72-byte header holding the 64-byte command, then for a small write padding and the data, with digests if negotiated.',
  ),
  spdk(
    C_R2T,
    'nvme_tcp_r2t_hdr_handle',
    { obj: 'command id', a: 'R2TO (offset)', b: 'R2TL (length)' },
    "An R2T from the target: it has buffers ready and asks for this range of the command's data.",
  ),
  spdk(
    C_H2C_DATA,
    'nvme_tcp_send_h2c_data',
    { obj: 'PDU id', a: 'DATAO (offset)', b: 'DATAL (length)' },
    'The host sends an H2CData PDU with part of the data the R2T asked for, at most MAXH2CDATA bytes; the last one of the range is flagged LAST_PDU.',
  ),
  spdk(
    C_CAPSULE_RESP,
    'nvme_tcp_capsule_resp_hdr_handle',
    { obj: 'command id', a: 'status (SCT << 8 | SC)', b: 'SQ head pointer' },
    'A CapsuleResp from the target: the completion entry of one command.',
  ),
  spdk(
    C_REQ_COMPLETE,
    'nvme_tcp_req_complete',
    { obj: 'command id', a: 'latency (µs)', b: 'commands still outstanding' },
    'The write completed successfully and its command id is free again.',
  ),
  spdk(
    C_REQ_FAILED,
    'nvme_tcp_req_complete',
    { obj: 'command id', a: 'status (SCT << 8 | SC)', b: 'commands still outstanding' },
    'The write completed with an error status (0x22: transient transport error, such as a bad data digest). The host records it and does not retry.',
    'error',
  ),
  spdk(
    C_TERM_REQ,
    'nvme_tcp_c2h_term_req_hdr_handle',
    { obj: "offset in the target's stream", a: 'FES (what went wrong)', b: 'FEI (where)' },
    'The target sent a C2HTermReq: a fatal error ends the connection, and the host sends nothing more.',
    'termreq',
  ),
  spdk(
    C_DISCONNECT,
    'nvme_tcp_ctrlr_disconnect_qpair',
    { obj: 'host port', a: 'queued bytes never sent', b: 'commands abandoned' },
    'The host tears the queue down: outstanding commands are abandoned and its socket stops sending. The close itself (FIN or RST) is not shown.',
  ),
  wire(
    C_RAW_STREAM,
    'raw byte stream',
    { obj: 'chunk id', a: 'bytes' },
    "Raw stream mode: the host writes the scenario's hex bytes to its socket exactly as given and builds no PDUs of its own.",
  ),
  spdk(
    C_PDU_BAD,
    'nvme_tcp_pdu_ch_handle',
    { obj: 'PDU type', a: 'offset of the bad field in the PDU', b: "offset in the target's stream" },
    'A PDU from the target that the host cannot use. The host ignores it here; a real host would answer with an H2CTermReq, which is not modelled.',
    'error',
  ),

  linux(
    C_TCP_SENDMSG,
    'tcp_sendmsg',
    TCP_C,
    { obj: 'PDU id', a: 'stream offset', b: 'bytes' },
    "The host's socket write appends the PDU to its TCP send queue. TCP cuts this byte stream into segments without regard to PDU boundaries.",
  ),
  linux(
    C_TCP_XMIT,
    'tcp_transmit_skb',
    TCP_OUT,
    { obj: 'frame id', a: 'stream offset', b: 'payload bytes' },
    "The host's TCP sends the next segment, at most one MSS of the byte stream, within the window the target advertised (congestion control is not modelled: that window is the only limit).",
  ),
  linux(
    C_TCP_WND_LIMITED,
    'tcp_write_xmit',
    TCP_OUT,
    { obj: 'host port', a: 'advertised window (bytes)', b: 'bytes waiting to be sent' },
    "The next segment does not fit in the target's advertised window: the host's TCP holds its queued bytes back and sends more as ACKs open the window.",
  ),
  {
    ...linux(
      C_TCP_ZERO_WINDOW,
      'tcp_write_xmit',
      TCP_OUT,
      { obj: 'host port', a: 'bytes in flight', b: 'bytes waiting to be sent' },
      'The target advertises a zero window: its receive buffer is full and the host is stalled with data waiting.',
    ),
    marker: 'error',
  },
  linux(
    C_TCP_ACK,
    'tcp_ack',
    TCP_IN,
    { obj: 'frame id', a: 'bytes newly acknowledged', b: 'advertised window (bytes)' },
    "An ACK from the target: the acknowledged bytes leave the host's send queue and the window says how much more may be in flight.",
  ),
  linux(
    C_TCP_DUPACK,
    'tcp_ack',
    TCP_IN,
    { obj: 'frame id', a: 'duplicate ACKs in a row', b: 'stream offset of snd_una' },
    'A duplicate ACK: the target still waits for the byte at snd_una, so a segment was lost or overtaken.',
  ),
  linux(
    C_TCP_FAST_RETRANS,
    'tcp_fastretrans_alert',
    TCP_IN,
    { obj: 'host port', a: 'stream offset of snd_una', b: 'recovery point (snd_nxt)' },
    'Three duplicate ACKs: the host takes the segment at snd_una as lost and resends it at once, without waiting for the timer (fast retransmit).',
  ),
  linux(
    C_TCP_RETRANSMIT,
    'tcp_retransmit_skb',
    TCP_OUT,
    { obj: 'frame id', a: 'stream offset', b: 'payload bytes' },
    "The host's TCP sends a segment again, with exactly the same bytes as the first time.",
  ),
  linux(
    C_TCP_RTO,
    'tcp_retransmit_timer',
    TCP_TIMER,
    { obj: 'host port', a: 'backoff (timeouts in a row)', b: 'next timeout (µs)' },
    'The retransmission timer expired with data still unacknowledged: the host resends the first unacknowledged segment and doubles the timeout.',
  ),
  linux(
    C_TCP_PROBE,
    'tcp_send_probe0',
    TCP_OUT,
    { obj: 'frame id', a: 'stream offset', b: 'payload bytes (0: a bare probe one byte below snd_una)' },
    'The persist timer fired while the window was too small to send: the host probes the target, so a lost window update cannot stall it forever.',
  ),
  linux(
    C_TCP_WND_OPEN,
    'tcp_ack_update_window',
    TCP_IN,
    { obj: 'host port', a: 'new window (bytes)', b: 'old window (bytes)' },
    "The target's zero window opened again, and the stalled host resumes sending.",
  ),
  linux(
    C_TCP_SACK,
    'tcp_sacktag_write_queue',
    TCP_IN,
    { obj: 'frame id', a: 'bytes selectively acknowledged beyond snd_una', b: 'SACK blocks' },
    'The ACK carries SACK blocks: the target already holds these later bytes, so only the gaps need resending.',
  ),
  linux(
    C_TCP_RCV,
    'tcp_rcv_established',
    TCP_IN,
    { obj: 'frame id', a: "offset in the target's stream", b: 'bytes' },
    "The host's TCP takes in bytes from the target (its PDUs), in order: the target-to-host direction never loses anything in this model.",
  ),

  wire(
    C_WIRE_AT_TARGET,
    'frame on the wire',
    { obj: 'frame id', a: 'frame bytes', b: 'payload bytes' },
    "A frame from the host reaches the target's port, after its serialization at the link rate and the one-way delay.",
  ),
  wire(
    C_FAULT_DROP,
    'fault: drop segment',
    { obj: 'frame id', a: 'data segment number', b: 'stream offset' },
    'Fault: this data segment is lost on the wire and the target never sees it.',
    'error',
  ),
  wire(
    C_FAULT_DUP,
    'fault: duplicate segment',
    { obj: 'frame id', a: 'data segment number', b: 'frame id of the copy' },
    'Fault: this data segment is sent twice; the copy follows right behind it.',
    'error',
  ),
  wire(
    C_FAULT_HOLD,
    'fault: reorder segment',
    { obj: 'frame id', a: 'data segment number', b: 'segments that overtake it' },
    'Fault: this data segment is held back, so later segments reach the target before it.',
    'error',
  ),
  wire(
    C_WIRE_RELEASE,
    'reordered segment released',
    { obj: 'frame id', a: 'data segment number', b: 'segments that overtook it' },
    'The held-back segment goes on the wire now, behind the segments that overtook it.',
  ),
  wire(
    C_FAULT_HDGST,
    'fault: corrupt header digest',
    { obj: 'PDU id', a: 'PDU number', b: 'PDU type' },
    'Fault: the header digest of this PDU is damaged after it was computed; the target should notice.',
    'error',
  ),
  wire(
    C_FAULT_DDGST,
    'fault: corrupt data digest',
    { obj: 'PDU id', a: 'PDU number', b: 'PDU type' },
    'Fault: the data digest of this PDU is damaged after it was computed; the target should notice.',
    'error',
  ),
  wire(
    C_FAULT_FIELD,
    'fault: overwrite header field',
    { obj: 'PDU id', a: 'offset of the field in the PDU', b: 'value written' },
    'Fault: one header field of this PDU is overwritten. The header digest is recomputed, so only the field itself is wrong.',
    'error',
  ),
  wire(
    C_FAULT_NOT_APPLIED,
    'fault not applicable',
    { obj: 'PDU id', a: 'PDU number', b: 'index in the fault list' },
    'A fault names this PDU, but the PDU has no such digest or field, so it is sent unchanged.',
  ),
  wire(
    C_WIRE_TARGET_TX,
    'frame on the wire',
    { obj: 'frame id', a: 'frame bytes', b: 'payload bytes (0: a pure ACK)' },
    'A frame from the target, an ACK or one of its PDUs, leaves on the wire toward the host.',
  ),
];

defineCodes([100, 199], HOST_CODES);
