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
  /** What the cell was last drawn from (see draw), its bytes filled, and its iovec bars' places. */
  sig: string;
  labelSig: string;
  fill: number;
  xs: number[];
  ws: number[];
  by: number;
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
      const drawCell = (
        el: SVGGElement,
        c: CellEls,
        r: ReqView,
        i: number,
        k: { free: boolean; group: string; selected: boolean; bound: boolean },
      ) => {
        const [x, y] = cellAt(gl, i);
        setAttr(el, 'transform', `translate(${(R.x + x).toFixed(1)},${(R.gridY + y).toFixed(1)})`);
        setAttr(
          el,
          'class',
          `sp-obj sp-cell sp-g-${k.group}${k.selected ? ' sp-selected' : ''}${k.bound ? ' sp-bound-cell' : ''}`,
        );
        // Free slots stay clickable but out of the tab order (128 stops would bury the rest).
        setAttr(el, 'tabindex', k.free && !k.selected ? -1 : 0);
        setAttr(el, 'aria-pressed', k.selected ? 'true' : 'false');
        setTitle(
          el,
          `tcp_req ${r.idx}: ${r.state}${k.free ? '' : `\ncid ${r.cid} · ${r.xfer} · ${n(r.length)} B · ${r.iovs.length} iovec${r.iovs.length === 1 ? '' : 's'}`}`,
        );
        setAttrs(c.bg, {
          width: gl.cellW,
          height: gl.cellH,
          rx: 0.18 * e,
          fill: k.free ? 'none' : pduFill(r.cid),
        });
        setAttrs(c.code, { x: gl.cellW / 2, y: 0.38 * gl.cellH, 'font-size': codeFont });
        setText(c.code, k.free ? '' : reqStateCode(r.state));
        // The iovec strip along the cell's bottom: places kept for the fills.
        c.ws = iovWidths(
          r.iovs.map((v) => v.len),
          gl.cellW - 0.3 * e,
          1,
        );
        c.by = gl.cellH - stripH - 0.12 * e;
        const bars = c.strip.children;
        while (bars.length < r.iovs.length * 2) {
          make(c.strip, 'rect', 'sp-strip-bg');
          make(c.strip, 'rect', 'sp-strip-fill');
        }
        while (bars.length > r.iovs.length * 2) bars[bars.length - 1]!.remove();
        let bx = 0.15 * e;
        c.xs = c.ws.map((bw, j) => {
          setAttrs(bars[2 * j]!, { x: bx, y: c.by, width: Math.max(0.5, bw), height: stripH });
          const at = bx;
          bx += bw + 1;
          return at;
        });
      };
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
              sig: '',
              labelSig: '',
              fill: -1,
              xs: [],
              ws: [],
              by: 0,
            });
          }),
        )
        .each(function (r, i) {
          const c = els.get(this)!;
          const group = reqStateGroup(r.state);
          const free = group === 'free';
          const selected = sel === r.idx;
          // Most cells look the same from one step to the next: redo their attributes only when
          // something they show changed (the fills below move every step regardless).
          const sig = `${i}|${r.state}|${r.cid}|${r.length}|${r.xfer}|${selected}|${r.idx === boundIdx}|${gl.cellW}|${gl.cols}|${e}|${r.iovs.map((v) => v.len).join(',')}`;
          if (sig !== c.sig) {
            c.sig = sig;
            drawCell(this, c, r, i, { free, group, selected, bound: r.idx === boundIdx });
          }
          const fill = r.iovs.reduce((s, v) => s + v.filled, 0);
          if (fill !== c.fill || sig !== c.labelSig) {
            c.fill = fill;
            c.labelSig = sig;
            setAttr(
              this,
              'aria-label',
              `tcp_req ${r.idx}, ${reqStateShort(r.state)}${free ? '' : `, cid ${r.cid}, ${n(fill)} of ${n(r.length)} bytes in`}`,
            );
          }
          const bars = c.strip.children;
          r.iovs.forEach((v, k) => {
            const fr = bars[2 * k + 1]!;
            const x = c.xs[k]!;
            const bw = c.ws[k]!;
            ctx.move(`req.${r.idx}.${k}`, v.len > 0 ? v.filled / v.len : 0, (f) => {
              setAttrs(fr, { x, y: c.by, width: Math.max(0, bw * f), height: stripH });
            });
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
