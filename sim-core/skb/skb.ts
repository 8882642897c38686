/**
 * struct sk_buff, reduced to what the receive path needs. Payload bytes are never copied
 * between the ring and the socket: like igb's page frags, an skb points into the frame
 * bytes the NIC DMA'd (`frags`). The first real CPU copy is tcp_recvmsg's.
 */
export interface Frag {
  /** The whole received frame (immutable once DMA'd). */
  bytes: Uint8Array;
  /** Offset of this piece of TCP payload inside `bytes`. */
  off: number;
  len: number;
  frameId: number;
}

export interface Skb {
  id: number;
  /** TCP sequence number of the first payload byte (TCP_SKB_CB(skb)->seq). */
  seq: number;
  /** Payload bytes (end_seq = seq + len; we never carry SYN/FIN data here). */
  len: number;
  /** TCP flags of the last merged segment (PSH, ACK ...). */
  tcpFlags: number;
  /** Ack and unscaled window the segment carried (the host's side; unused by the target model). */
  ack: number;
  frags: Frag[];
  /** Wire segments merged into this skb (gso_segs after GRO / coalescing). */
  segs: number;
  /** Memory charged against sk_rcvbuf (skb->truesize). */
  truesize: number;
  /** Ring descriptors and frames it came from, for the picture. */
  frameIds: number[];
  /** Bytes of this skb already copied to user space (tcp_recvmsg's offset into a partly read skb). */
  consumed: number;
}

/** Approximate sizeof(struct sk_buff) + skb_shared_info charged per skb (SKB_TRUESIZE(0) is ~768 on x86_64). */
export const SKB_OVERHEAD = 768;

export function skbEndSeq(s: Skb): number {
  return (s.seq + s.len) >>> 0;
}

/** Copy `len` payload bytes starting `from` bytes into the skb into `dst` at `dstOff`. Returns bytes copied. */
export function skbCopyBits(s: Skb, from: number, dst: Uint8Array, dstOff: number, len: number): number {
  let skip = from;
  let done = 0;
  for (const f of s.frags) {
    if (done === len) break;
    if (skip >= f.len) {
      skip -= f.len;
      continue;
    }
    const n = Math.min(f.len - skip, len - done);
    dst.set(f.bytes.subarray(f.off + skip, f.off + skip + n), dstOff + done);
    done += n;
    skip = 0;
  }
  return done;
}
