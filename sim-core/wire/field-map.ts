/**
 * Byte labels for a Wireshark-like hex view: a list of {name, offset,
 * length} that tiles a region exactly (in order, no gaps, no overlaps).
 * Offsets are indexes into the array given to the map function.
 *
 * Field maps are built from whatever the bytes say, valid or not: a field
 * cut short by the end of the region keeps its name with a shorter length,
 * and bytes that cannot be interpreted are labelled "unparsed".
 */

import { getU16BE } from './bytes';
import { ETHERNET_HEADER_LEN, ETHERTYPE_IPV4 } from './ethernet';
import { IPPROTO_TCP } from './ipv4';
import { TCP_HEADER_LEN, TCPOPT_EOL, TCPOPT_NOP, tcpOptionName } from './tcp';

export interface FieldLabel {
  name: string;
  offset: number;
  length: number;
}

/** Appends labels from `start`, never past `end`, skipping empty ones. */
export class Labeller {
  readonly labels: FieldLabel[] = [];
  cursor: number;
  readonly end: number;

  constructor(start: number, end: number) {
    this.cursor = start;
    this.end = end;
  }

  /** Label the next `length` bytes (clamped to `limit` and the region end). */
  push(name: string, length: number, limit = this.end): void {
    const stop = Math.min(this.cursor + Math.max(0, length), limit, this.end);
    if (stop > this.cursor) {
      this.labels.push({ name, offset: this.cursor, length: stop - this.cursor });
      this.cursor = stop;
    }
  }

  /** Label a run of fixed-size fields, none past `limit`. */
  fields(prefix: string, table: readonly (readonly [string, number])[], limit = this.end): void {
    for (const [n, len] of table) this.push(`${prefix}${n}`, len, limit);
  }

  /** Label everything up to `limit` (default: region end) as one field. */
  rest(name: string, limit = this.end): void {
    this.push(name, Number.MAX_SAFE_INTEGER, limit);
  }
}

const ETH_FIELDS = [
  ['dst', 6],
  ['src', 6],
  ['ethertype', 2],
] as const;

const IPV4_FIELDS = [
  ['version_ihl', 1],
  ['dscp_ecn', 1],
  ['total_length', 2],
  ['identification', 2],
  ['flags_fragment_offset', 2],
  ['ttl', 1],
  ['protocol', 1],
  ['checksum', 2],
  ['src', 4],
  ['dst', 4],
] as const;

const TCP_FIELDS = [
  ['src_port', 2],
  ['dst_port', 2],
  ['seq', 4],
  ['ack', 4],
  ['data_offset', 1],
  ['flags', 1],
  ['window', 2],
  ['checksum', 2],
  ['urgent', 2],
] as const;

/**
 * Labels for an Ethernet/IPv4/TCP frame occupying bytes[offset, end),
 * including Ethernet padding after the IPv4 packet. Never throws.
 */
export function frameFieldMap(bytes: Uint8Array, offset = 0, end = bytes.length): FieldLabel[] {
  const stop = Math.min(Math.max(end, 0), bytes.length);
  const start = Math.min(Math.max(offset, 0), stop);
  const l = new Labeller(start, stop);
  l.fields('eth.', ETH_FIELDS);
  if (stop - start < ETHERNET_HEADER_LEN || getU16BE(bytes, start + 12) !== ETHERTYPE_IPV4) {
    l.rest('eth.payload');
    return l.labels;
  }
  const ip = l.cursor;
  const ihl = (bytes[ip]! & 0x0f) * 4;
  const totalLength = stop - ip >= 4 ? getU16BE(bytes, ip + 2) : 0;
  const ipEnd = totalLength >= 20 ? Math.min(stop, ip + totalLength) : stop;
  l.fields('ip.', IPV4_FIELDS, ipEnd);
  l.push('ip.options', ihl - 20, ipEnd);
  if (l.cursor - ip < 20 || bytes[ip + 9] !== IPPROTO_TCP || ihl < 20) {
    l.rest('ip.payload', ipEnd);
    l.rest('eth.padding');
    return l.labels;
  }
  const tcp = l.cursor;
  l.fields('tcp.', TCP_FIELDS, ipEnd);
  if (l.cursor - tcp === TCP_HEADER_LEN) {
    const hdrEnd = Math.min(ipEnd, tcp + (bytes[tcp + 12]! >>> 4) * 4);
    labelTcpOptions(l, bytes, hdrEnd);
  }
  l.rest('tcp.payload', ipEnd);
  l.rest('eth.padding');
  return l.labels;
}

function labelTcpOptions(l: Labeller, b: Uint8Array, hdrEnd: number): void {
  while (l.cursor < hdrEnd) {
    const kind = b[l.cursor]!;
    if (kind === TCPOPT_EOL) {
      l.rest('tcp.opt.eol', hdrEnd);
      return;
    }
    if (kind === TCPOPT_NOP) {
      l.push('tcp.opt.nop', 1, hdrEnd);
      continue;
    }
    const len = l.cursor + 1 < hdrEnd ? b[l.cursor + 1]! : 0;
    if (len < 2 || l.cursor + len > hdrEnd) {
      l.rest('tcp.opt.malformed', hdrEnd);
      return;
    }
    l.push(`tcp.opt.${tcpOptionName(kind)}`, len, hdrEnd);
  }
}
