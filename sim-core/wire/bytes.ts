/**
 * Fixed-width integer access on Uint8Array without allocating a DataView.
 *
 * Network headers (Ethernet, IPv4, TCP, pcap-on-a-big-endian-host) are
 * big-endian; NVMe/TCP and NVMe structures are little-endian. Writers store
 * `value` modulo 2^width, which is what sequence-number arithmetic wants.
 * Readers assume the caller already checked the bounds.
 */

export function getU16BE(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

export function getU32BE(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

export function putU16BE(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 8;
  b[o + 1] = v;
}

export function putU32BE(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

export function getU16LE(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

export function getU24LE(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
}

export function getU32LE(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

export function getU64LE(b: Uint8Array, o: number): bigint {
  return (BigInt(getU32LE(b, o + 4)) << 32n) | BigInt(getU32LE(b, o));
}

export function putU16LE(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
}

export function putU24LE(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
}

export function putU32LE(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}

export function putU64LE(b: Uint8Array, o: number, v: bigint): void {
  const x = BigInt.asUintN(64, v);
  putU32LE(b, o, Number(x & 0xffffffffn));
  putU32LE(b, o + 4, Number(x >> 32n));
}
