/**
 * The tcp_req slots (struct spdk_nvmf_tcp_req, the qpair's resource array): one cell per request
 * in index order, its state as a three-letter code (legend under the grid), its command id as the
 * cell's colour, and its data iovecs (tcp_req->req.iov) as a strip of bars filling. A keyed d3
 * join by request index; fills move on the scheduler's frames.
 */
import { select as d3select } from 'd3';
import type { ReqView } from '../../../sim-types';
import { pduFill } from '../shared/palette';
import { type DrawCtx, n } from './ctx';
import { clip, fits, make, selectable, setAttr, setAttrs, setText, setTitle } from './dom';
import { FONT, type SpdkLayout } from './layout';
import { cellAt, iovWidths, legendOf, reqStateCode, reqStateGroup, reqStateShort } from './reqs-geometry';

export interface ReqsPart {
  draw(reqs: readonly ReqView[], layout: SpdkLayout, ctx: DrawCtx, boundIdx: number): void;
}

interface CellEls {
  bg: SVGRectElement;
  code: SVGTextElement;
  strip: SVGGElement;
}

export function createReqs(g: SVGGElement, select: DrawCtx['select']): ReqsPart {
  const title = make(g, 'text', 'sp-title');
  const grid = make(g, 'g', 'sp-grid');
  const legend = [make(g, 'text', 'sp-small sp-muted'), make(g, 'text', 'sp-small sp-muted')];
  const els = new WeakMap<SVGGElement, CellEls>();

  return {
    draw(reqs, layout, ctx, boundIdx) {
      const e = layout.em;
      const R = layout.reqs;
      const gl = R.grid;
      const used = reqs.filter((r) => reqStateGroup(r.state) !== 'free').length;
      setAttrs(title, { x: R.x, y: R.y + 1.1 * e, 'font-size': FONT.title * e });
      setText(
        title,
        clip(
          `tcp_req slots · ${n(used)} of ${n(reqs.length)} in use · state, cid, data iovecs (tcp_req->req.iov)`,
          fits(R.w, FONT.title * e),
        ),
      );
      const sel = ctx.selection?.kind === 'req' ? ctx.selection.id : -1;
      const codeFont = FONT.code * e;
      const stripH = 0.28 * gl.cellH;
      d3select(grid)
        .selectAll<SVGGElement, ReqView>('g.sp-cell')
        .data(reqs, (r) => r.idx)
        .join((enter) =>
          enter.append('g').each(function (r) {
            // A cell is made once per request index and reused for every view after.
            this.setAttribute('class', 'sp-obj sp-cell');
            const idx = r.idx;
            selectable(this, () => ({ kind: 'req', id: idx }), select);
            els.set(this, {
              bg: make(this, 'rect', 'sp-cell-bg'),
              code: make(this, 'text', 'sp-cell-code'),
              strip: make(this, 'g', 'sp-cell-strip'),
            });
          }),
        )
        .each(function (r, i) {
          const c = els.get(this)!;
          const [x, y] = cellAt(gl, i);
          const group = reqStateGroup(r.state);
          const free = group === 'free';
          const short = reqStateShort(r.state);
          const selected = sel === r.idx;
          setAttr(this, 'transform', `translate(${(R.x + x).toFixed(1)},${(R.gridY + y).toFixed(1)})`);
          setAttr(
            this,
            'class',
            `sp-obj sp-cell sp-g-${group}${selected ? ' sp-selected' : ''}${r.idx === boundIdx ? ' sp-bound-cell' : ''}`,
          );
          // Free slots stay clickable but out of the tab order (128 stops would bury the rest).
          setAttr(this, 'tabindex', free && !selected ? -1 : 0);
          setAttr(this, 'aria-pressed', selected ? 'true' : 'false');
          const fill = r.iovs.reduce((s, v) => s + v.filled, 0);
          setAttr(
            this,
            'aria-label',
            `tcp_req ${r.idx}, ${short}${free ? '' : `, cid ${r.cid}, ${n(fill)} of ${n(r.length)} bytes in`}`,
          );
          setTitle(
            this,
            `tcp_req ${r.idx}: ${r.state}${free ? '' : `\ncid ${r.cid} · ${r.xfer} · ${n(r.length)} B · ${r.iovs.length} iovec${r.iovs.length === 1 ? '' : 's'}`}`,
          );
          setAttrs(c.bg, {
            width: gl.cellW,
            height: gl.cellH,
            rx: 0.18 * e,
            fill: free ? 'none' : pduFill(r.cid),
          });
          setAttrs(c.code, { x: gl.cellW / 2, y: 0.38 * gl.cellH, 'font-size': codeFont });
          setText(c.code, free ? '' : reqStateCode(r.state));
          // The iovec strip along the cell's bottom.
          const widths = iovWidths(
            r.iovs.map((v) => v.len),
            gl.cellW - 0.3 * e,
            1,
          );
          const bars = c.strip.children;
          while (bars.length < r.iovs.length * 2) {
            make(c.strip, 'rect', 'sp-strip-bg');
            make(c.strip, 'rect', 'sp-strip-fill');
          }
          while (bars.length > r.iovs.length * 2) bars[bars.length - 1]!.remove();
          let bx = 0.15 * e;
          const by = gl.cellH - stripH - 0.12 * e;
          r.iovs.forEach((v, k) => {
            const bw = widths[k]!;
            setAttrs(bars[2 * k]!, { x: bx, y: by, width: Math.max(0.5, bw), height: stripH });
            const fr = bars[2 * k + 1]!;
            const x = bx;
            ctx.move(`req.${r.idx}.${k}`, v.len > 0 ? v.filled / v.len : 0, (f) => {
              setAttrs(fr, { x, y: by, width: Math.max(0, bw * f), height: stripH });
            });
            bx += bw + 1;
          });
        });

      // Legend: the codes in use, with their state names.
      const items = legendOf(reqs.map((r) => r.state)).map((l) => `${l.code} ${l.name}`);
      const ly = R.gridY + gl.rows * (gl.cellH + gl.gap) + 0.9 * e;
      const per = fits(R.w, FONT.small * e);
      const lines: string[] = [''];
      for (const it of items) {
        const cur = lines[lines.length - 1]!;
        const next = cur === '' ? it : `${cur} · ${it}`;
        if (next.length <= per || cur === '') lines[lines.length - 1] = next;
        else lines.push(it);
      }
      legend.forEach((t, i) => {
        setAttrs(t, { x: R.x, y: ly + i * 1.05 * e, 'font-size': FONT.small * e });
        const text = lines[i] ?? '';
        setText(t, i === 1 && lines.length > 2 ? clip(`${text} …`, per) : clip(text, per));
      });
      if (items.length === 0) setText(legend[0]!, 'every slot is FREE');
    },
  };
}
