/**
 * Where each part of the SPDK band goes, in CSS pixels for a band `width` wide with a root font
 * of `em` pixels (text keeps the page's size, readable on a projector):
 *
 *   top row:  copy out of the socket | recv pipe ring | PDU in progress (+ its tcp_req's iovecs)
 *   next row: tcp_req slots grid                       | copy ledger
 *
 * Data flows left to right along the top row; the requests sit under the PDU they are fed from.
 */
import { type GridLayout, gridLayout } from './reqs-geometry';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SpdkLayout {
  width: number;
  height: number;
  em: number;
  copy: Box;
  /** The ring's centre and radii (outer, inner). */
  pipe: Box & { cx: number; cy: number; r: number; r0: number };
  pdu: Box;
  reqs: Box & { grid: GridLayout; gridY: number };
  ledger: Box;
}

/** Font sizes of the band's text classes, in em of the root font (app/styles/picture-spdk.css). */
export const FONT = { title: 0.85, label: 0.78, small: 0.72, code: 0.66, big: 1.15 } as const;

export function spdkLayout(width: number, em: number, nReqs: number): SpdkLayout {
  const e = em;
  const top = 15.7 * e;
  const copyW = Math.max(10.5 * e, 0.18 * width);
  const r = Math.max(3.4 * e, Math.min(4.3 * e, 0.075 * width));
  const pipeX = copyW + 2.6 * e;
  const pipeW = 2 * r + 5.4 * e;
  const cx = pipeX + pipeW / 2;
  // Below the socket box and the kernel copy's labels, whatever the ring's size.
  const cy = 8.1 * e;
  const pduX = pipeX + pipeW + 2.4 * e;
  const gapRow = 0.9 * e;
  const rowY = top + gapRow;
  const ledgerW = Math.max(15.5 * e, 0.27 * width);
  const reqsW = width - ledgerW - 1.6 * e;
  const grid = gridLayout(nReqs, reqsW, 2.0 * e, 1.5 * e, 0.16 * e);
  const gridY = rowY + 1.8 * e;
  const gridH = grid.rows * grid.cellH + Math.max(0, grid.rows - 1) * grid.gap;
  // Title, grid, then the legend of the state codes (two lines at most).
  const reqsH = gridY - rowY + gridH + 2.6 * e;
  const ledgerH = 10.6 * e;
  const height = rowY + Math.max(reqsH, ledgerH) + 0.4 * e;
  return {
    width,
    height,
    em,
    copy: { x: 0, y: 0, w: copyW, h: top },
    pipe: { x: pipeX, y: 0, w: pipeW, h: top, cx, cy, r, r0: r - 1.25 * e },
    pdu: { x: pduX, y: 0, w: Math.max(8 * e, width - pduX), h: top },
    reqs: { x: 0, y: rowY, w: reqsW, h: reqsH, grid, gridY },
    ledger: { x: width - ledgerW, y: rowY, w: ledgerW, h: ledgerH },
  };
}
