import { describe, it, expect } from 'vitest';
import { EAGAIN } from '../../engine/hooks';
import type { Iov } from '../../engine/iov';
import { copyCost } from '../../engine/cpu';
import {
  C_ALLOC_PIPE,
  C_IOVCPY,
  C_PIPE_READER_ADVANCE,
  C_PIPE_READER_GET,
  C_PIPE_WRITER_ADVANCE,
  C_PIPE_WRITER_GET,
  C_READV,
  C_RECV_FROM_PIPE,
  C_SET_RECVBUF,
  C_SOCK_READ,
  SOCK_DATA_MACHINE,
} from './codes';
import { STATE_CODE_BASE } from '../../trace/machines';
import { posixSockGroupImplPoll } from './group';
import { spdkPipeReaderBytesAvailable } from './pipe';
import {
  MIN_SOCK_PIPE_SIZE,
  nvmfTcpRecvBufSize,
  posixSoRcvbufSize,
  spdkSockReadv,
  spdkSockRecv,
  spdkSockSetRecvbuf,
} from './posix';
import { SockDataState } from './state';
import { countingStream, fakeKernel, sockSim } from './testkit';

const PIPE_SZ = 33_344;

/** A sim whose socket has its pipe (ICReq handled) and a kernel holding `stream`. */
function withPipe(stream: Uint8Array, sz = PIPE_SZ) {
  const k = fakeKernel(stream);
  const sim = sockSim(k);
  expect(spdkSockSetRecvbuf(sim, sz)).toBe(0);
  sim.rec.rows.length = 0;
  return { k, sim };
}

function dataIov(len: number, owner = 1): Iov {
  return { buf: new Uint8Array(len), off: 0, len, kind: 'data', owner };
}

const codes = (sim: { rec: { rows: { code: number }[] } }) => sim.rec.rows.map((r) => r.code);

describe('recv pipe size (lib/nvmf/tcp.c ICReq handling)', () => {
  it('is 33,344 bytes with the default in-capsule size and no digests', () => {
    expect(nvmfTcpRecvBufSize(4096, false, false)).toBe(33_344);
  });
  it('grows by 32 bytes per negotiated digest', () => {
    expect(nvmfTcpRecvBufSize(4096, true, false)).toBe(33_376);
    expect(nvmfTcpRecvBufSize(4096, false, true)).toBe(33_376);
    expect(nvmfTcpRecvBufSize(4096, true, true)).toBe(33_408);
  });
  it('is at least MIN_SOCK_PIPE_SIZE', () => {
    expect(nvmfTcpRecvBufSize(0, false, false)).toBe(1024);
    expect(nvmfTcpRecvBufSize(8, false, false)).toBe(1024);
  });
  it('SO_RCVBUF asked of the kernel is at least the 2 MiB impl default', () => {
    expect(posixSoRcvbufSize(33_344)).toBe(2 * 1024 * 1024);
    expect(posixSoRcvbufSize(33_344, 0)).toBe(33_344);
    expect(posixSoRcvbufSize(1024, 0)).toBe(4096);
  });
});

describe('spdk_sock_set_recvbuf -> posix_sock_alloc_pipe', () => {
  it('creates an empty pipe of the asked size and records it', () => {
    const sim = sockSim(fakeKernel(new Uint8Array(0)));
    expect(sim.w.sock.recvPipe).toBeNull();
    expect(spdkSockSetRecvbuf(sim, PIPE_SZ)).toBe(0);
    const p = sim.w.sock.recvPipe!;
    expect(p.sz).toBe(PIPE_SZ);
    expect(p.buf.length).toBe(PIPE_SZ);
    expect(sim.w.sock.recvBufSz).toBe(PIPE_SZ);
    expect(spdkPipeReaderBytesAvailable(p)).toBe(0);
    expect(sim.rec.rows.map((r) => [r.code, r.a])).toEqual([
      [C_ALLOC_PIPE, PIPE_SZ],
      [C_SET_RECVBUF, PIPE_SZ],
    ]);
  });

  it('keeps the pipe when asked the same size again', () => {
    const sim = sockSim(fakeKernel(new Uint8Array(0)));
    spdkSockSetRecvbuf(sim, PIPE_SZ);
    const p = sim.w.sock.recvPipe;
    expect(spdkSockSetRecvbuf(sim, PIPE_SZ)).toBe(0);
    expect(sim.w.sock.recvPipe).toBe(p);
  });

  it('refuses a size below MIN_SOCK_PIPE_SIZE and leaves no pipe', () => {
    const sim = sockSim(fakeKernel(new Uint8Array(0)));
    expect(spdkSockSetRecvbuf(sim, MIN_SOCK_PIPE_SIZE - 1)).toBe(-1);
    expect(sim.w.sock.recvPipe).toBeNull();
  });

  it('does not create a pipe when enable_recv_pipe is off', () => {
    const sim = sockSim(fakeKernel(new Uint8Array(0)));
    sim.w.sock.enableRecvPipe = false;
    expect(spdkSockSetRecvbuf(sim, PIPE_SZ)).toBe(0);
    expect(sim.w.sock.recvPipe).toBeNull();
  });

  it('moves bytes held in the old pipe into the new one, in order', () => {
    const stream = countingStream(3000);
    const { sim } = withPipe(stream, 2048);
    posixSockGroupImplPoll(sim);
    const head = dataIov(8);
    expect(spdkSockRecv(sim, head.buf, 0, 8)).toBe(8);
    expect(spdkSockSetRecvbuf(sim, 4096)).toBe(0);
    const p = sim.w.sock.recvPipe!;
    expect(p.sz).toBe(4096);
    expect(spdkPipeReaderBytesAvailable(p)).toBe(2040);
    const rest = dataIov(2040);
    expect(spdkSockReadv(sim, [rest])).toBe(2040);
    expect([...rest.buf]).toEqual([...stream.subarray(8, 2048)]);
  });

  it('refuses a new pipe too small for what the old one holds', () => {
    const { sim } = withPipe(countingStream(3000), 2048);
    posixSockGroupImplPoll(sim);
    spdkSockRecv(sim, new Uint8Array(8), 0, 8);
    const old = sim.w.sock.recvPipe;
    expect(spdkSockSetRecvbuf(sim, 1024)).toBe(-22);
    expect(sim.w.sock.recvPipe).toBe(old);
  });
});

describe('posix_sock_readv: plain readv before the pipe exists', () => {
  it('reads straight into the caller iovecs and takes the socket off socks_with_data', () => {
    const stream = countingStream(200);
    const k = fakeKernel(stream);
    const sim = sockSim(k);
    expect(posixSockGroupImplPoll(sim)).toBe(1);
    expect(sim.w.sock.onSocksWithData).toBe(true);
    const hdr: Iov = { buf: new Uint8Array(128), off: 0, len: 128, kind: 'pdu-header' };
    expect(spdkSockReadv(sim, [hdr])).toBe(128);
    expect([...hdr.buf]).toEqual([...stream.subarray(0, 128)]);
    expect(k.calls).toHaveLength(1);
    expect(k.calls[0]!.kinds).toEqual(['pdu-header']);
    const s = sim.w.sock;
    expect([s.socketHasData, s.pipeHasData, s.onSocksWithData]).toEqual([false, false, false]);
    expect(s.state).toBe(SockDataState.None);
    expect(s.counters).toMatchObject({ readvPlain: 1, plainBytes: 128 });
    expect(sim.w.ledger.directBytes).toBe(128);
    expect(sim.w.ledger.payloadDirectBytes).toBe(0);
    const last = sim.rec.rows.at(-1)!;
    expect([last.code, last.a, last.b]).toEqual([C_READV, 128, 0]);
  });

  it('returns -EAGAIN from an empty kernel socket', () => {
    const sim = sockSim(fakeKernel(new Uint8Array(0)));
    expect(spdkSockRecv(sim, new Uint8Array(8), 0, 8)).toBe(EAGAIN);
    expect(sim.w.sock.counters.eagain).toBe(1);
  });
});

describe('posix_sock_readv: direct readv into the caller iovecs', () => {
  it('reads a total of >= 1024 bytes straight into the caller iovecs when the pipe is empty', () => {
    const stream = countingStream(10_000);
    const { k, sim } = withPipe(stream);
    posixSockGroupImplPoll(sim);
    const a = dataIov(1000);
    const b = dataIov(24);
    expect(spdkSockReadv(sim, [a, b])).toBe(1024);
    expect(k.calls.at(-1)!.lens).toEqual([1000, 24]);
    expect(k.calls.at(-1)!.kinds).toEqual(['data', 'data']);
    expect([...a.buf, ...b.buf]).toEqual([...stream.subarray(0, 1024)]);
    const l = sim.w.ledger;
    expect([l.directBytes, l.payloadDirectBytes, l.pipeBytes, l.pipeCopyBytes]).toEqual([1024, 1024, 0, 0]);
    expect(spdkPipeReaderBytesAvailable(sim.w.sock.recvPipe!)).toBe(0);
    expect(sim.rec.rows.at(-1)).toMatchObject({ code: C_READV, a: 1024, b: 1 });
  });

  it('counts as payload only the bytes that land in request buffers', () => {
    const { sim } = withPipe(countingStream(10_000));
    posixSockGroupImplPoll(sim);
    const digest: Iov = { buf: new Uint8Array(4), off: 0, len: 4, kind: 'digest' };
    expect(spdkSockReadv(sim, [dataIov(2000), digest])).toBe(2004);
    expect(sim.w.ledger.payloadDirectBytes).toBe(2000);
    expect(sim.w.ledger.directBytes).toBe(2004);
  });

  it('leaves socket_has_data set even when the kernel ran dry (as v24.09 does)', () => {
    const { sim } = withPipe(countingStream(1500));
    posixSockGroupImplPoll(sim);
    expect(spdkSockReadv(sim, [dataIov(4096)])).toBe(1500);
    expect(sim.w.sock.socketHasData).toBe(true);
    expect(sim.w.sock.onSocksWithData).toBe(true);
    expect(spdkSockReadv(sim, [dataIov(4096)])).toBe(EAGAIN);
    expect(sim.w.sock.socketHasData).toBe(true);
    // A small read then finds the kernel empty: that counts as drained.
    expect(spdkSockRecv(sim, new Uint8Array(8), 0, 8)).toBe(EAGAIN);
    expect([sim.w.sock.socketHasData, sim.w.sock.onSocksWithData]).toEqual([false, false]);
  });
});

describe('posix_sock_readv: small reads through the pipe', () => {
  it('fills the pipe with one readv, then serves the caller from it (a second copy)', () => {
    const stream = countingStream(5000);
    const { k, sim } = withPipe(stream);
    posixSockGroupImplPoll(sim);
    sim.rec.rows.length = 0;
    const opCost0 = sim.w.cpu.opCost;
    const ch = new Uint8Array(8);
    expect(spdkSockRecv(sim, ch, 0, 8, 'pdu-header')).toBe(8);
    expect([...ch]).toEqual([...stream.subarray(0, 8)]);
    expect(k.calls).toHaveLength(1);
    expect(k.calls[0]!.lens).toEqual([PIPE_SZ]);
    expect(k.calls[0]!.kinds).toEqual(['pipe']);
    const s = sim.w.sock;
    expect(spdkPipeReaderBytesAvailable(s.recvPipe!)).toBe(4992);
    // The kernel gave less than asked: drained, but still listed since the pipe has data.
    expect([s.socketHasData, s.pipeHasData, s.onSocksWithData]).toEqual([false, true, true]);
    expect(s.state).toBe(SockDataState.Pipe);
    const l = sim.w.ledger;
    expect([l.pipeBytes, l.pipeCopyBytes, l.directBytes, l.readvTwoIov, l.payloadViaPipeBytes]).toEqual([
      5000, 8, 0, 0, 0,
    ]);
    expect(sim.w.cpu.opCost - opCost0).toBeCloseTo(copyCost(sim, 8));
    expect(codes(sim)).toEqual([
      C_PIPE_WRITER_GET,
      C_PIPE_WRITER_ADVANCE,
      STATE_CODE_BASE + SOCK_DATA_MACHINE,
      C_SOCK_READ,
      C_PIPE_READER_GET,
      C_IOVCPY,
      C_PIPE_READER_ADVANCE,
      C_RECV_FROM_PIPE,
      C_READV,
    ]);
    expect(sim.rec.rows.find((r) => r.code === C_SOCK_READ)).toMatchObject({ a: 5000, b: 1 });
    expect(sim.rec.rows.at(-1)).toMatchObject({ a: 8, b: 2 });
  });

  it('keeps socket_has_data when the kernel filled the whole pipe', () => {
    const { sim } = withPipe(countingStream(5000), 1024);
    posixSockGroupImplPoll(sim);
    spdkSockRecv(sim, new Uint8Array(8), 0, 8);
    expect(sim.w.sock.socketHasData).toBe(true);
    expect(sim.w.sock.state).toBe(SockDataState.Both);
  });

  it('serves a large read from the pipe while the pipe holds data, with no readv', () => {
    const stream = countingStream(5000);
    const { k, sim } = withPipe(stream);
    posixSockGroupImplPoll(sim);
    spdkSockRecv(sim, new Uint8Array(72), 0, 72);
    const big = dataIov(4096, 3);
    expect(spdkSockReadv(sim, [big])).toBe(4096);
    expect(k.calls).toHaveLength(1);
    expect([...big.buf]).toEqual([...stream.subarray(72, 72 + 4096)]);
    expect(sim.w.ledger.payloadViaPipeBytes).toBe(4096);
    expect(sim.w.ledger.directBytes).toBe(0);
    // More than the pipe holds: a short read of what is left, no readv either.
    const more = dataIov(4096, 3);
    expect(spdkSockReadv(sim, [more])).toBe(5000 - 72 - 4096);
    expect(k.calls).toHaveLength(1);
  });

  it('drains the pipe: offsets back to 0, pipe_has_data off, off the list when the kernel is drained too', () => {
    const { sim } = withPipe(countingStream(100));
    posixSockGroupImplPoll(sim);
    spdkSockRecv(sim, new Uint8Array(60), 0, 60);
    expect(spdkSockRecv(sim, new Uint8Array(60), 0, 60)).toBe(40);
    const s = sim.w.sock;
    expect([s.recvPipe!.read, s.recvPipe!.write, s.recvPipe!.full]).toEqual([0, 0, false]);
    expect([s.socketHasData, s.pipeHasData, s.onSocksWithData]).toEqual([false, false, false]);
    expect(s.state).toBe(SockDataState.None);
  });

  it('drains the pipe but stays listed while socket_has_data is set', () => {
    const { k, sim } = withPipe(countingStream(3000), 1024);
    posixSockGroupImplPoll(sim);
    spdkSockRecv(sim, new Uint8Array(1000), 0, 1000);
    expect(spdkSockRecv(sim, new Uint8Array(1000), 0, 1000)).toBe(24);
    const s = sim.w.sock;
    expect([s.socketHasData, s.pipeHasData, s.onSocksWithData]).toEqual([true, false, true]);
    // The next small read refills the pipe from offset 0 with one iovec.
    expect(spdkSockRecv(sim, new Uint8Array(8), 0, 8)).toBe(8);
    expect(k.calls.at(-1)!.lens).toEqual([1024]);
  });

  it('returns -EAGAIN without a readv when the pipe is empty and epoll has not flagged the socket', () => {
    const { k, sim } = withPipe(countingStream(100));
    // Bytes are in the kernel, but no group poll has seen them yet.
    expect(spdkSockRecv(sim, new Uint8Array(8), 0, 8)).toBe(EAGAIN);
    expect(k.calls).toHaveLength(0);
    expect(sim.rec.rows.at(-1)).toMatchObject({ code: C_READV, a: EAGAIN, b: 2 });
    // A large read does not reach the kernel either.
    expect(spdkSockReadv(sim, [dataIov(4096)])).toBe(EAGAIN);
    expect(k.calls).toHaveLength(0);
  });

  it('treats -EAGAIN from the kernel in posix_sock_read as drained', () => {
    const k = fakeKernel(countingStream(100), 0);
    const sim = sockSim(k);
    spdkSockSetRecvbuf(sim, PIPE_SZ);
    k.arrive(10);
    posixSockGroupImplPoll(sim);
    expect(spdkSockReadv(sim, [dataIov(4096)])).toBe(10);
    expect(sim.w.sock.onSocksWithData).toBe(true);
    expect(spdkSockRecv(sim, new Uint8Array(8), 0, 8)).toBe(EAGAIN);
    const s = sim.w.sock;
    expect([s.socketHasData, s.pipeHasData, s.onSocksWithData]).toEqual([false, false, false]);
    expect(sim.rec.rows.find((r) => r.code === C_SOCK_READ)).toMatchObject({ a: EAGAIN });
    expect(sim.w.ledger.pipeBytes).toBe(0);
  });

  it('outside a group, always tries the kernel (nothing epolls the socket)', () => {
    const { k, sim } = withPipe(countingStream(100));
    sim.w.sock.inGroup = false;
    expect(spdkSockRecv(sim, new Uint8Array(8), 0, 8)).toBe(8);
    expect(k.calls).toHaveLength(1);
    expect(sim.w.sock.onSocksWithData).toBe(false);
  });

  it('counts pipe bytes copied into request buffers as payload via the pipe', () => {
    const { sim } = withPipe(countingStream(5000));
    posixSockGroupImplPoll(sim);
    const hdr: Iov = { buf: new Uint8Array(72), off: 0, len: 72, kind: 'pdu-header' };
    const data = dataIov(512);
    expect(spdkSockReadv(sim, [hdr, data])).toBe(584);
    expect(sim.w.ledger.payloadViaPipeBytes).toBe(512);
    expect(sim.w.ledger.pipeCopyBytes).toBe(584);
  });
});

describe('posix_sock_read with a wrapped pipe (two iovecs)', () => {
  it('reads into both pieces of the free space with one readv', () => {
    const stream = countingStream(3000);
    const { k, sim } = withPipe(stream, 1024);
    posixSockGroupImplPoll(sim);
    // Not reachable through the API in v24.09 (an emptied pipe restarts at 0): set an empty
    // pipe whose offsets sit mid-buffer, as older SPDK versions left them.
    const p = sim.w.sock.recvPipe!;
    p.read = 1000;
    p.write = 1000;
    expect(spdkSockRecv(sim, new Uint8Array(8), 0, 8)).toBe(8);
    expect(k.calls[0]!.lens).toEqual([24, 1000]);
    expect(sim.w.ledger.readvTwoIov).toBe(1);
    expect(sim.w.sock.counters.pipeFillsTwoIov).toBe(1);
    expect(sim.rec.rows.find((r) => r.code === C_SOCK_READ)).toMatchObject({ a: 1024, b: 2 });
    // The caller then reads across the wrap, in stream order.
    const rest = dataIov(1016);
    expect(spdkSockReadv(sim, [rest])).toBe(1016);
    expect([...rest.buf]).toEqual([...stream.subarray(8, 1024)]);
  });
});
