/**
 * The wire the simulation writes is real: every preset's pcap (both directions, at the target's
 * port) is read by Debian's tshark with checksum and digest checking on. No malformed packet,
 * every IPv4 and TCP checksum good, every PDU the host and the target sent dissected as NVMe/TCP
 * with the right type, digest errors only where a preset injects them. Also checked here without
 * tshark: a retransmitted or duplicated segment carries the same bytes as the first copy.
 *
 * tshark missing: the test fails in CI (process.env.CI) and is skipped with a message otherwise.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_IP } from '../host/addresses';
import { type SimulateResult, simulate } from '../simulate';
import { parsePcap, pcapWriter } from '../wire';
import { pduTypeName } from '../wire/nvme-tcp/constants';
import { ALL_PRESETS, testScenario } from './support';

const run = promisify(execFile);

function findTshark(): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin').split(delimiter)) {
    const p = join(dir, 'tshark');
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not in this directory
    }
  }
  return null;
}

const TSHARK = findTshark();
const HOST_ADDR = [24, 16, 8, 0].map((s) => (HOST_IP >>> s) & 0xff).join('.');
/** Presets that corrupt a digest on purpose, and which one. */
const DIGEST_FAULTS: Record<string, { hdgst: number; ddgst: number }> = {
  'header-digest-error': { hdgst: 1, ddgst: 0 },
  'data-digest-error': { hdgst: 0, ddgst: 1 },
};

/** Field names of tshark 4.0 (`tshark -G fields`); the expert message last (it may hold commas). */
const FIELDS = [
  'frame.number',
  'ip.src',
  '_ws.malformed',
  'ip.checksum.status',
  'tcp.checksum.status',
  'nvme-tcp.type',
  'nvme-tcp.hdgst.status',
  'nvme-tcp.ddgst.status',
  '_ws.expert.message',
];

function tsharkArgs(file: string): string[] {
  return [
    '-r',
    file,
    '-n',
    '-d',
    'tcp.port==4420,nvme-tcp',
    '-o',
    'ip.check_checksum:TRUE',
    '-o',
    'tcp.check_checksum:TRUE',
    // Without it tshark 4.0 flags a retransmission that overlaps an already reassembled PDU as
    // malformed ("New fragment overlaps old data"); the bytes themselves are checked below.
    '-o',
    'tcp.reassemble_out_of_order:TRUE',
    '-o',
    'nvme-tcp.check_hdgst:TRUE',
    '-o',
    'nvme-tcp.check_ddgst:TRUE',
    '-T',
    'fields',
    '-E',
    'separator=/t',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=,',
    ...FIELDS.flatMap((f) => ['-e', f]),
  ];
}

interface Dissected {
  frames: number;
  hostFrames: number;
  malformed: string[];
  badChecksums: string[];
  /** PDUs by sender ('host' / 'target') and type name. */
  pdus: { host: Record<string, number>; target: Record<string, number> };
  hdgst: { good: number; bad: number };
  ddgst: { good: number; bad: number };
}

function dissect(out: string): Dissected {
  const d: Dissected = {
    frames: 0,
    hostFrames: 0,
    malformed: [],
    badChecksums: [],
    pdus: { host: {}, target: {} },
    hdgst: { good: 0, bad: 0 },
    ddgst: { good: 0, bad: 0 },
  };
  const tally = (v: string, into: { good: number; bad: number }) => {
    for (const x of v.split(',')) {
      // proto_checksum status: 0 bad, 1 good, 2 unverified, 3 not present.
      if (x === '0') into.bad++;
      else if (x === '1') into.good++;
    }
  };
  for (const line of out.split('\n')) {
    if (line === '') continue;
    const [no, src, malformed, ipSum, tcpSum, types, hd, dd, expert] = line.split('\t');
    d.frames++;
    const from = src === HOST_ADDR ? 'host' : 'target';
    if (from === 'host') d.hostFrames++;
    if (malformed) d.malformed.push(`frame ${no}: ${malformed} (${expert})`);
    if (ipSum !== '1' || tcpSum !== '1') d.badChecksums.push(`frame ${no}: ip ${ipSum}, tcp ${tcpSum}`);
    for (const t of (types ?? '').split(',')) {
      if (t === '') continue;
      const name = pduTypeName(Number(t));
      d.pdus[from][name] = (d.pdus[from][name] ?? 0) + 1;
    }
    tally(hd ?? '', d.hdgst);
    tally(dd ?? '', d.ddgst);
  }
  return d;
}

/** PDUs the target sent, by type, from the nvmf counters. */
function targetPdus(r: SimulateResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.summary.counters)) {
    if (k.startsWith('nvmf.sent.')) out[k.slice('nvmf.sent.'.length)] = v;
  }
  if (r.summary.nvmf.termReqs.length > 0) out.C2HTermReq ??= r.summary.nvmf.termReqs.length;
  return out;
}

/** One direction's byte stream, laid out from its first sequence number (bytes seen, and which). */
interface Stream {
  base: number;
  bytes: Uint8Array;
  seen: Uint8Array;
}

/**
 * Segments seen twice (retransmitted, duplicated) carry the same bytes: for each direction, the
 * payload of every TCP segment is laid over what earlier segments put at the same sequence numbers.
 */
function resentBytes(pcap: Uint8Array): { again: number; mismatches: string[] } {
  const parsed = parsePcap(pcap);
  if (!parsed.ok) return { again: 0, mismatches: [`pcap does not parse: ${parsed.error}`] };
  const streams = new Map<string, Stream>();
  const out: string[] = [];
  let again = 0;
  parsed.packets.forEach((p, i) => {
    const f = p.data;
    const ihl = (f[14]! & 0x0f) * 4;
    const ipLen = (f[16]! << 8) | f[17]!;
    const tcp = 14 + ihl;
    const dataAt = tcp + (f[tcp + 12]! >>> 4) * 4;
    const len = 14 + ipLen - dataAt;
    if (len <= 0) return;
    const key = `${f[tcp]! * 256 + f[tcp + 1]!}>${f[tcp + 2]! * 256 + f[tcp + 3]!}`;
    const seq = ((f[tcp + 4]! << 24) | (f[tcp + 5]! << 16) | (f[tcp + 6]! << 8) | f[tcp + 7]!) >>> 0;
    let st = streams.get(key);
    if (st === undefined) {
      st = { base: seq, bytes: new Uint8Array(1 << 16), seen: new Uint8Array(1 << 16) };
      streams.set(key, st);
    }
    // Sequence numbers relative to the stream's first one (streams here stay far below 2^31).
    const at = (seq - st.base) >>> 0;
    if (at + len > st.bytes.length) {
      let n = st.bytes.length;
      while (n < at + len) n *= 2;
      const bytes = new Uint8Array(n);
      bytes.set(st.bytes);
      const seen = new Uint8Array(n);
      seen.set(st.seen);
      st.bytes = bytes;
      st.seen = seen;
    }
    for (let k = 0; k < len; k++) {
      const now = f[dataAt + k]!;
      if (st.seen[at + k] === 0) {
        st.seen[at + k] = 1;
        st.bytes[at + k] = now;
      } else {
        again++;
        if (st.bytes[at + k] !== now && out.length < 5) {
          out.push(`packet ${i + 1} ${key} seq ${(seq + k) >>> 0}: ${st.bytes[at + k]} then ${now}`);
        }
      }
    }
  });
  return { again, mismatches: out };
}

if (TSHARK === null) {
  if (process.env.CI) {
    it('tshark is installed (CI installs it in scripts/test.sh)', () => {
      throw new Error('tshark not found on PATH: the pcap checks cannot run');
    });
  } else {
    it.skip('pcap checks need tshark (Debian: apt-get install tshark); not found on PATH', () => {});
  }
}

describe.runIf(TSHARK !== null)('every preset pcap through tshark', () => {
  const results = new Map<string, { r: SimulateResult; pcap: Uint8Array; d: Dissected }>();
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rxpath-pcap-'));
    const jobs = ALL_PRESETS.map(async (id) => {
      const w = pcapWriter();
      const r = simulate(testScenario(id), { tap: (t, f) => w.add(t, f) });
      const pcap = w.finish();
      const file = join(dir, `${id}.pcap`);
      writeFileSync(file, pcap);
      const { stdout } = await run(TSHARK!, tsharkArgs(file), { maxBuffer: 256 * 1024 * 1024 });
      results.set(id, { r, pcap, d: dissect(stdout) });
    });
    await Promise.all(jobs);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(ALL_PRESETS.map((id) => ({ id })))('$id', ({ id }) => {
    const get = () => results.get(id)!;

    it('has every frame, none malformed, every IPv4 and TCP checksum good', () => {
      const { r, d } = get();
      expect(d.frames).toBeGreaterThan(0);
      expect(d.hostFrames).toBe(r.summary.host.framesToTarget);
      expect(d.malformed).toEqual([]);
      expect(d.badChecksums).toEqual([]);
    });

    it('dissects every PDU the host and the target sent as NVMe/TCP of the right type', () => {
      const { r, d } = get();
      expect(d.pdus.target).toEqual(targetPdus(r));
      const sent = r.summary.host.pdus;
      if (r.summary.nvmf.termReqs.length === 0) {
        expect(d.pdus.host).toEqual(sent);
      } else {
        // The connection ended: the PDU the host was sending when the target stopped reading may
        // never have been completed on the wire (its tail waits behind a closed window).
        let missing = 0;
        for (const [type, n] of Object.entries(sent)) {
          const seen = d.pdus.host[type] ?? 0;
          expect(seen, type).toBeLessThanOrEqual(n);
          missing += n - seen;
        }
        expect(Object.keys(d.pdus.host).every((t) => t in sent)).toBe(true);
        expect(missing).toBeLessThanOrEqual(1);
      }
    });

    it('shows digest errors only where the preset injects them', () => {
      const { r, d } = get();
      const want = DIGEST_FAULTS[id] ?? { hdgst: 0, ddgst: 0 };
      expect({ hdgst: d.hdgst.bad, ddgst: d.ddgst.bad }).toEqual(want);
      // The checks ran: digests present on the wire were verified by tshark.
      if (r.world.scenario.spdk.headerDigest) expect(d.hdgst.good).toBeGreaterThan(0);
      if (r.world.scenario.spdk.dataDigest) expect(d.ddgst.good).toBeGreaterThan(0);
      if (!r.world.scenario.spdk.headerDigest) expect(d.hdgst.good).toBe(0);
    });

    it('sends the same bytes again when a segment is retransmitted or duplicated', () => {
      const { r, pcap } = get();
      const { again, mismatches } = resentBytes(pcap);
      expect(mismatches).toEqual([]);
      // Not vacuous: a retransmission of a segment the tap saw (the NIC dropped it, not a fault on
      // the link before the tap) puts the same bytes on the wire twice.
      const lostBeforeTap = r.summary.counters['wire.faultDrops'] ?? 0;
      if (r.summary.host.retransmissions > lostBeforeTap) expect(again).toBeGreaterThan(0);
    });
  });
});
