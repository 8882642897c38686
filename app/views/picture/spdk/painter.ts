/**
 * Draws the SPDK band into one SVG: builds each part's group once, then on every view (every
 * frame while playing) lets each part write only what changed. Moving numbers go through a
 * Motion bound to the scheduler's frames; a new scenario jumps instead of animating.
 */
import type { ViewState } from '../../../sim-types';
import type { Selection } from '../../../store/store';
import type { Motion } from '../shared/motion';
import { createCopy } from './copy';
import { copyActivity, litArrows } from './copy-model';
import type { DrawCtx } from './ctx';
import { make, setAttrs } from './dom';
import type { SpdkLayout } from './layout';
import { createLedger } from './ledger';
import { createPdu } from './pdu';
import { createPipe } from './pipe';
import { createReqs } from './reqs';

export interface Painter {
  draw(view: ViewState, layout: SpdkLayout, selection: Selection | null, jump: boolean): void;
}

const ARROW_MARKERS =
  '<marker id="spdk-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="sp-marker"/></marker>' +
  '<marker id="spdk-arrow-lit" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4.5" markerHeight="4.5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="sp-marker-lit"/></marker>' +
  '<marker id="spdk-arrow-iov" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="sp-marker-iov"/></marker>';

export function createPainter(svg: SVGSVGElement, motion: Motion, select: (s: Selection) => void): Painter {
  const defs = make(svg, 'defs', 'sp-defs');
  defs.innerHTML = ARROW_MARKERS;
  const copy = createCopy(make(svg, 'g', 'sp-part sp-copy'));
  const pipe = createPipe(make(svg, 'g', 'sp-part sp-pipe-part'), select);
  const pdu = createPdu(make(svg, 'g', 'sp-part sp-pdu-part'), select);
  const reqs = createReqs(make(svg, 'g', 'sp-part sp-reqs'), select);
  const ledger = createLedger(make(svg, 'g', 'sp-part sp-ledger'));

  return {
    draw(view, layout, selection, jump) {
      const ctx: DrawCtx = {
        em: layout.em,
        selection,
        select,
        move: (key, target, apply) =>
          jump ? motion.jump(key, target, apply) : motion.to(key, target, apply),
      };
      const h = Math.ceil(layout.height);
      setAttrs(svg, { width: layout.width, height: h, viewBox: `0 0 ${layout.width} ${h}` });
      const activity = copyActivity(view.row);
      copy.draw(view.tcp, view.pipe !== null, activity, layout);
      pipe.draw(view.pipe, layout, ctx);
      pdu.draw(view.pdu, view.reqs, layout, ctx);
      reqs.draw(view.reqs, layout, ctx, view.pdu.reqIdx);
      ledger.draw(view.ledger, layout, litArrows(activity?.path ?? null));
      motion.sweep();
    },
  };
}
