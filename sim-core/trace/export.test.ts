import { describe, it, expect } from 'vitest';
import { ColumnarTrace } from './columns';
import { traceJsonl } from './export';
import { C_TOY_DMA, STATE_ROW } from './toy';

function sample(): ColumnarTrace {
  const tr = new ColumnarTrace({ chunkRows: 4 });
  tr.push(100, C_TOY_DMA, 3, 64, 17);
  tr.push(100, STATE_ROW, 0, 0, 1);
  tr.push(250, 12, 2 ** 32 - 1, -11, 2 ** 31);
  tr.push(2 ** 40, 999 - 50, 1, 0, 7); // an unknown code (949) that is a state code of no machine
  for (let i = 0; i < 10; i++) tr.push(300 + i, C_TOY_DMA, i, i, i);
  return tr;
}

function parse(pieces: Iterable<string>): Record<string, unknown>[] {
  const text = [...pieces].join('');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('traceJsonl', () => {
  it('writes one line per row with the code book fields', () => {
    const lines = parse(traceJsonl(sample()));
    expect(lines.length).toBe(14);
    expect(lines[0]).toEqual({
      step: 0,
      t: 100,
      code: C_TOY_DMA,
      fn: 'toy_dma',
      file: '',
      layer: 'engine',
      obj: 3,
      a: 64,
      b: 17,
    });
    // Stored types: obj uint32, a/b int32.
    expect(lines[2]).toMatchObject({
      step: 2,
      t: 250,
      code: 12,
      fn: null,
      obj: 2 ** 32 - 1,
      a: -11,
      b: -(2 ** 31),
    });
    expect(lines[3]).toMatchObject({ t: 2 ** 40, machine: null, from: null, to: null, layer: 'state' });
  });

  it('names the machine and both states of a state-change row', () => {
    const lines = parse(traceJsonl(sample()));
    expect(lines[1]).toMatchObject({
      step: 1,
      code: STATE_ROW,
      layer: 'state',
      machine: 'toy_worker',
      from: 'TOY_IDLE',
      to: 'TOY_BUSY',
    });
    expect(lines[0]).not.toHaveProperty('machine');
  });

  it('streams in pieces of at most rowsPerPiece rows, and honours from/to', () => {
    const pieces = [...traceJsonl(sample(), { rowsPerPiece: 5 })];
    expect(pieces.map((p) => p.split('\n').length - 1)).toEqual([5, 5, 4]);
    expect(parse(pieces)).toEqual(parse(traceJsonl(sample())));
    const part = parse(traceJsonl(sample(), { from: 3, to: 6 }));
    expect(part.map((l) => l.step)).toEqual([3, 4, 5]);
    expect([...traceJsonl(sample(), { from: 20 })]).toEqual([]);
  });
});
