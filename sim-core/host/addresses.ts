/**
 * Fixed, made-up addresses of the two machines. They only ever appear as bytes inside frames:
 * no real traffic is sent anywhere. MACs are locally administered (0x02 in the first byte).
 */
export const HOST_MAC = 0x02_00_0a_00_00_01;
export const TARGET_MAC = 0x02_00_0a_00_00_02;
/** 192.168.42.1 and 192.168.42.2 */
export const HOST_IP = ((192 << 24) | (168 << 16) | (42 << 8) | 1) >>> 0;
export const TARGET_IP = ((192 << 24) | (168 << 16) | (42 << 8) | 2) >>> 0;
/** NVMe/TCP's IANA port. */
export const NVME_TCP_PORT = 4420;
/** net.ipv4.ip_local_port_range default 32768-60999: the host's ephemeral port comes from it. */
export const EPHEMERAL_LO = 32768;
export const EPHEMERAL_HI = 60999;

/**
 * The host's own window scale (its SYN's option): Linux picks the smallest shift that fits
 * max(tcp_rmem[2] (6 MiB), rmem_max) into 16 bits, which is 7 with the default sysctls (the
 * kernel's nvme-tcp host does not set SO_RCVBUF). The target's shift depends on its SO_RCVBUF:
 * see syn-ack.ts.
 */
export const WSCALE = 7;
/** Simplification: the host's own advertised window field is constant (the target never sends enough to fill it). */
export const HOST_WINDOW_FIELD = 502;

export const IP_TTL = 64;
/** Preamble + SFD (8), FCS (4) and the inter-frame gap (12): bytes a frame costs on the wire beyond what pcap shows. */
export const WIRE_OVERHEAD_BYTES = 24;
/** TCP_RTO_MAX: retransmission and probe timeouts never exceed 120 s. */
export const TCP_RTO_MAX_NS = 120_000_000_000;
/** Fast retransmit after this many duplicate ACKs (net.ipv4.tcp_reordering default). */
export const TCP_REORDERING = 3;
