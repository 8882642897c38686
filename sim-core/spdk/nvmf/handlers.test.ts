import { describe, expect, it } from 'vitest';
import { C_OVERRUN } from './codes';
import { OFF_HAS_HDGST, QS_EXITED, TS_FREE } from './constants';
import { calcPshLen } from './handlers';
import { nvmfTcpSockProcessStep } from './process';
import { newPdu } from './state';
import {
  connected,
  drive,
  h2cData,
  harness,
  nvmfScenario,
  put32,
  r2ts,
  responses,
  rows,
  writeCmd,
  writeInCapsule,
} from './testkit';

function ch(type: number, hlen: number, pdo: number, plen: number) {
  const p = newPdu(1);
  p.img[0] = type;
  p.img[2] = hlen;
  p.img[3] = pdo;
  put32(p.img, 4, plen);
  return p;
}

describe('nvme_tcp_pdu_calc_psh_len', () => {
  it('header plus digest plus padding up to PDO, minus the 8 CH bytes', () => {
    expect(calcPshLen(ch(0x04, 72, 0, 72), false)).toBe(64);
    expect(calcPshLen(ch(0x04, 72, 76, 4172), true)).toBe(68);
    expect(calcPshLen(ch(0x04, 72, 128, 4224), false)).toBe(120);
    expect(calcPshLen(ch(0x06, 24, 28, 4124), true)).toBe(20);
    expect(calcPshLen(ch(0x00, 128, 0, 128), true)).toBe(120);
  });

  it('sets has_hdgst only for types that carry one', () => {
    const p = ch(0x04, 72, 0, 76);
    calcPshLen(p, true);
    expect(p.img[OFF_HAS_HDGST]).toBe(1);
    const q = ch(0x00, 128, 0, 128);
    calcPshLen(q, true);
    expect(q.img[OFF_HAS_HDGST]).toBe(0);
  });

  it('wraps in 8 bits when PDO is below the header end: PDO 0 gives 248, PDO 72 with a digest gives 64', () => {
    expect(calcPshLen(ch(0x04, 72, 0, 4168), false)).toBe(248);
    expect(calcPshLen(ch(0x04, 72, 72, 4172), true)).toBe(64);
  });
});

describe('H2CData whose datao + datal wraps around 2^32', () => {
  it('passes the range check, maps past the buffer, and the following bytes are eaten as its payload', () => {
    const d = { hdgst: false, ddgst: false };
    const h = harness(nvmfScenario({ ioUnitSize: 8192 }));
    connected(h, d);
    h.sock.push(writeCmd(d, 1, 8192));
    drive(h);
    const [r] = r2ts(h);
    h.sock.push(h2cData(d, 1, r!.ttag, 0, 4096, false));
    const bad = h2cData(d, 1, r!.ttag, 4096, 4096, true);
    put32(bad, 16, 2 ** 32 - 4096 + 100);
    h.sock.push(bad);
    h.sock.push(writeInCapsule(d, 2, 4096));
    drive(h);
    expect(rows(h, C_OVERRUN).length).toBeGreaterThan(0);
    expect(h.sim.w.nvmf.stats.overrunBytes).toBe(4096 + 4096 + 72 - 4096);
    expect(responses(h).map((x) => x.cid)).toEqual([0]);
  });
});

describe('qpair teardown', () => {
  it('after the host ends the connection, waiting requests are freed and their buffers go back', () => {
    const d = { hdgst: false, ddgst: false };
    const h = harness(nvmfScenario({ ioUnitSize: 8192 }));
    connected(h, d);
    h.sock.push(writeCmd(d, 1, 16_384));
    drive(h);
    const term = new Uint8Array(32);
    term[0] = 0x02;
    term[2] = 24;
    put32(term, 4, 32);
    h.sock.push(term);
    drive(h);
    const n = h.sim.w.nvmf;
    expect(n.qpair.state).toBe(QS_EXITED);
    expect(n.reqs.every((q) => q.state === TS_FREE)).toBe(true);
    expect(n.iobuf.owner.every((o) => o === -1)).toBe(true);
    expect(nvmfTcpSockProcessStep(h.sim)).toBe(false);
  });
});
