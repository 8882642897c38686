import { describe, expect, it } from 'vitest';
import { recvMachine, reqMachine } from '../../../sim-core';
import type { ReqView, RowView } from '../../sim-types';
import { chooseReq, reqLabel, takenBy } from './active';
import { chartGraph } from './chart-model';

const recv = chartGraph(recvMachine);
const req = chartGraph(reqMachine);
const FREE = req.initial;
const key = (g: typeof recv, short: string): string => {
  const s = g.states.find((x) => x.short === short);
  if (s === undefined) throw new Error(short);
  return s.key;
};

function reqView(idx: number, state: string, cid = idx + 10): ReqView {
  return { idx, state, cid, length: 0, h2cOffset: 0, iovs: [], status: 0, stateIndex: 0, xfer: 'none' };
}

function stateRow(machine: string, obj: number, from: string, to: string): RowView {
  return {
    step: 7,
    t: 0,
    code: 901,
    fn: '',
    file: '',
    url: null,
    layer: 'state',
    caption: '',
    obj,
    a: 0,
    b: 0,
    machine,
    from,
    to,
  };
}

describe('chooseReq', () => {
  const reqs = [reqView(0, FREE), reqView(1, key(req, 'EXECUTING')), reqView(2, key(req, 'NEW'))];

  it('follows the selection first, then the PDU, then the first busy one, then the first', () => {
    expect(chooseReq(reqs, 2, { kind: 'req', id: 0 }, FREE)).toEqual({ idx: 0, reason: 'selected' });
    expect(chooseReq(reqs, 2, { kind: 'slot', id: 0 }, FREE)).toEqual({ idx: 2, reason: 'pdu' });
    expect(chooseReq(reqs, -1, null, FREE)).toEqual({ idx: 1, reason: 'busy' });
    expect(chooseReq([reqView(0, FREE), reqView(1, FREE)], -1, null, FREE)).toEqual({
      idx: 0,
      reason: 'first',
    });
    expect(chooseReq([], -1, null, FREE)).toBeNull();
  });

  it('ignores a selection of a request that does not exist', () => {
    expect(chooseReq(reqs, -1, { kind: 'req', id: 99 }, FREE)).toEqual({ idx: 1, reason: 'busy' });
  });

  it('labels a request by index and command id, or as free', () => {
    expect(reqLabel(reqView(3, key(req, 'NEW'), 5), FREE)).toBe('tcp_req 3 · cid 5');
    expect(reqLabel(reqView(3, FREE, 5), FREE)).toBe('tcp_req 3 · free');
  });
});

describe('takenBy', () => {
  it('finds the arrow and the events a state row took', () => {
    const row = stateRow('PDU receive', 0, key(recv, 'AWAIT_PDU_READY'), key(recv, 'AWAIT_PDU_CH'));
    const t = takenBy(recv, row);
    expect(t?.events).toEqual(['PDU_READY']);
    const edge = recv.edges.find((e) => e.id === t?.edgeId);
    expect(edge?.from).toBe(row.from);
    expect(edge?.to).toBe(row.to);
    // Not a row of the other machine.
    expect(takenBy(req, row, 0)).toBeNull();
  });

  it('points at the group note for a transition drawn as a note', () => {
    const row = stateRow('PDU receive', 0, key(recv, 'AWAIT_PDU_CH'), key(recv, 'QUIESCING'));
    const t = takenBy(recv, row);
    expect(t?.events.sort()).toEqual(['PDU_WRITE_FAILED', 'SOCKET_ERROR', 'TERM_REQ_SENT']);
    expect(t?.edgeId).not.toBeNull(); // SOCKET_ERROR is drawn
    expect(t?.groupIds.length).toBeGreaterThan(0);
  });

  it('takes a tcp_req row only for the request followed', () => {
    const row = stateRow('tcp_req', 4, FREE, key(req, 'NEW'));
    expect(takenBy(req, row, 4)?.events).toEqual(['CAPSULE_CMD_RECEIVED']);
    expect(takenBy(req, row, 3)).toBeNull();
  });

  it('is null on rows that are not state changes', () => {
    const row: RowView = { ...stateRow('', 0, '', ''), machine: undefined, from: undefined, to: undefined };
    expect(takenBy(recv, row)).toBeNull();
    expect(takenBy(recv, null)).toBeNull();
  });
});
