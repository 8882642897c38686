/**
 * The socket's receive side (net/ipv4/tcp_input.c): the backlog (segments that came while
 * the reader held the socket), sk_receive_queue (in order, waiting for tcp_recvmsg) and
 * out_of_order_queue (after a hole), as lanes over sequence space starting at copied_seq.
 * Each skb is a bar of its bytes coloured by PDU. Below: rcv_nxt and the receive window,
 * the skb pointed at (its seq range), and rmem_alloc against sk_rcvbuf.
 *
 * Each lane is one button (the queue, for the inspector); arrow keys walk its skbs.
 */
import { formatBytes, formatCount } from '../../../format';
import type { SkbView, TcpView, ViewState } from '../../../sim-types';
import { child, setAttr, setAttrs, setText, textWidth } from './dom';
import { skbForKey } from './keys';
import type { Box } from './layout';
import { consume, FONT, isSelected, type PartCtx } from './part';
import { drawSkb } from './skb-shape';
import { QUEUES, type QueueKey, queueLabel } from './summary';
import { cutRange, rel, type SeqScale, seqScale, skbBox, xOf, xRel } from './tcp-layout';

const LANE_EM = 2.1;
const LANE_GAP_EM = 0.35;

export function describeSkb(s: SkbView, tcp: TcpView, where: string): string {
  const from = rel(s.seq, tcp.copiedSeq);
  const pdus = [...new Set(s.spans.map((p) => p[2]))].filter((c) => c >= 0);
  const segs = s.segs > 1 ? ` · ${s.segs} segs` : '';
  const read = s.consumed > 0 ? ` · ${formatCount(s.consumed)} B read` : '';
  const cid = pdus.length > 0 ? ` · cid ${pdus.join(', ')}` : '';
  return `${where} skb ${s.id}: seq ${s.seq}–${s.end} (copied_seq ${from >= 0 ? '+' : '−'}${formatCount(Math.abs(from))}) · ${formatCount(s.len)} B${segs}${read}${cid}`;
}

export function createTcp(root: SVGGElement) {
  const frame = child(root, 'rect', 'k-part-frame');
  const title = child(root, 'text', 'k-title k-tcp-title');
  const owned = child(root, 'g', 'k-badge k-owned');
  const ownedBox = child(owned, 'rect', 'k-badge-box');
  const ownedText = child(owned, 'text', 'k-label k-mono k-badge-text');
  const lanesG = child(root, 'g', 'k-lanes');
  const guides = child(root, 'g', 'k-guides');
  const axis = child(root, 'g', 'k-axis');
  const readout = child(root, 'text', 'k-label k-readout k-tcp-readout');
  const rmemLabel = child(root, 'text', 'k-label k-rmem-label');
  const rmemTrack = child(root, 'rect', 'k-rmem-track');
  const rmemBar = child(root, 'rect', 'k-rmem-bar');
  let lastCtx: PartCtx | null = null;
  let lastTcp: TcpView | null = null;

  function laneOf(i: number) {
    const q = QUEUES[i]!;
    const g = child(lanesG, 'g', `k-lane k-lane-${q.key}`);
    if (!g.hasAttribute('tabindex')) {
      setAttrs(g, { tabindex: 0, role: 'button', 'data-part': 'queue', 'data-queue': q.name });
      g.classList.add('k-focusable');
      g.addEventListener('click', () => lastCtx?.select({ kind: 'queue', id: i }));
      g.addEventListener('keydown', (e) => {
        if (lastCtx === null || lastTcp === null || e.altKey || e.ctrlKey || e.metaKey) return;
        if (e.key === 'Enter' || e.key === ' ' || e.key === 'Escape') {
          consume(e);
          lastCtx.select({ kind: 'queue', id: i });
          return;
        }
        const list = lastTcp[q.key];
        const cur =
          lastCtx.selection?.kind === 'skb' ? list.findIndex((s) => s.id === lastCtx?.selection?.id) : -1;
        const next = skbForKey(e.key, cur, list.length);
        if (next === null) return;
        consume(e);
        const s = list[next];
        if (s !== undefined) lastCtx.select({ kind: 'skb', id: s.id });
      });
    }
    return g;
  }

  function drawLane(
    i: number,
    key: QueueKey,
    view: ViewState,
    scale: SeqScale,
    x: number,
    y: number,
    laneW: number,
    labelW: number,
    ctx: PartCtx,
  ) {
    const em = ctx.em;
    const tcp = view.tcp;
    const q = QUEUES[i]!;
    const g = laneOf(i);
    const h = LANE_EM * em;
    const selected = isSelected(ctx, 'queue', i);
    setAttrs(g, { 'aria-label': queueLabel(view, i), 'aria-pressed': selected ? 'true' : 'false' });
    const focusBox = child(g, 'rect', 'k-focus k-lane-frame');
    setAttrs(focusBox, {
      x: x - 0.2 * em,
      y: y - 0.15 * em,
      width: labelW + laneW + 0.4 * em,
      height: h + 0.3 * em,
      rx: 0.3 * em,
    });
    const name = child(g, 'text', 'k-label k-mono k-lane-name');
    setAttrs(name, { x, y: y + 0.85 * em });
    setText(name, q.name);
    const counts = child(g, 'text', 'k-small k-lane-counts');
    const t = tcp.totals[key];
    const list = tcp[key];
    setAttrs(counts, { x, y: y + 1.8 * em });
    setText(counts, `${formatCount(t.skbs)} skb${t.skbs === 1 ? '' : 's'} · ${formatBytes(t.bytes)}`);
    const lx = x + labelW;
    const bg = child(g, 'rect', 'k-lane-bg');
    setAttrs(bg, { x: lx, y, width: laneW, height: h });

    const skbsG = child(g, 'g', 'k-skbs');
    const els = new Map<string, SVGGElement>();
    for (const el of Array.from(skbsG.children) as SVGGElement[]) els.set(el.dataset.id ?? '', el);
    const keep = new Set<string>();
    const sh = h - 0.5 * em;
    for (const s of list) {
      const k = String(s.id);
      keep.add(k);
      let sg = els.get(k);
      if (sg === undefined) {
        sg = document.createElementNS('http://www.w3.org/2000/svg', 'g');
        sg.dataset.id = k;
        setAttrs(sg, { class: 'k-skb', 'data-part': 'skb' });
        const id = s.id;
        sg.addEventListener('click', (e) => {
          e.stopPropagation();
          lastCtx?.select({ kind: 'skb', id });
        });
        sg.addEventListener('mouseenter', () => {
          if (lastCtx !== null) {
            lastCtx.hover.skb = id;
            lastCtx.hovered();
          }
        });
        sg.addEventListener('mouseleave', () => {
          if (lastCtx !== null && lastCtx.hover.skb === id) {
            lastCtx.hover.skb = null;
            lastCtx.hovered();
          }
        });
        skbsG.appendChild(sg);
      }
      setAttr(sg, 'data-selected', isSelected(ctx, 'skb', s.id) ? 'true' : null);
      const b = skbBox(scale, s);
      const el = sg as SVGGElement & { __at?: { x: number; w: number } };
      // x and width move on their own tracks; the element keeps where it is drawn now.
      const at = el.__at ?? { x: b.x, w: b.w };
      el.__at = at;
      const paint = () => drawSkb(el, s, lx + at.x, y + 0.25 * em, at.w, sh);
      ctx.move(`tcp:${s.id}:x`, b.x, (v) => {
        at.x = v;
        paint();
      });
      ctx.move(`tcp:${s.id}:w`, b.w, (v) => {
        at.w = v;
        paint();
      });
      // Its bytes may change in place (read by the reader) without moving.
      paint();
    }
    for (const [k, el] of els) if (!keep.has(k)) el.remove();

    // Out of order: the hole between rcv_nxt and the first segment held is what TCP waits for.
    const hole = child(g, 'g', 'k-hole');
    const first = key === 'ofo' ? list[0] : undefined;
    const holeLen = first === undefined ? 0 : rel(first.seq, tcp.rcvNxt);
    const hx0 = xRel(scale, scale.rcvNxt);
    const hx1 = first === undefined ? hx0 : xOf(scale, first.seq);
    if (holeLen <= 0 || hx1 - hx0 < 2) setAttr(hole, 'visibility', 'hidden');
    else {
      setAttr(hole, 'visibility', 'visible');
      const r = child(hole, 'rect', 'k-hole-box');
      setAttrs(r, { x: lx + hx0, y: y + 0.25 * em, width: hx1 - hx0, height: h - 0.5 * em });
      const tx = child(hole, 'text', 'k-small k-hole-text');
      setAttrs(tx, { x: lx + (hx0 + hx1) / 2, y: y + h / 2 });
      const words = `hole ${formatBytes(holeLen)}`;
      const room = hx1 - hx0 - 0.4 * em;
      setText(
        tx,
        room > textWidth(words, FONT.small * em)
          ? words
          : room > textWidth('hole', FONT.small * em)
            ? 'hole'
            : '',
      );
    }

    // A cut queue: the skbs left out of the view sit between its two halves.
    const cut = child(g, 'g', 'k-cut');
    const range = cutRange(list, t.cut);
    if (range === null) setAttr(cut, 'visibility', 'hidden');
    else {
      setAttr(cut, 'visibility', 'visible');
      const cx0 = xOf(scale, range.seq);
      const cx1 = Math.max(cx0 + 1.6 * em, xOf(scale, range.end));
      const r = child(cut, 'rect', 'k-cut-box');
      setAttrs(r, { x: lx + cx0, y: y + 0.15 * em, width: cx1 - cx0, height: h - 0.3 * em });
      const tx = child(cut, 'text', 'k-small k-cut-text');
      setAttrs(tx, { x: lx + (cx0 + cx1) / 2, y: y + h / 2 });
      setText(tx, `+${formatCount(t.cut)}`);
    }
  }

  function draw(view: ViewState, box: Box, ctx: PartCtx) {
    lastCtx = ctx;
    const tcp = view.tcp;
    lastTcp = tcp;
    const em = ctx.em;
    setAttrs(frame, { x: box.x, y: box.y, width: box.w, height: box.h, rx: 0.4 * em });
    const pad = 0.5 * em;
    const x = box.x + pad;
    const w = box.w - 2 * pad;
    let y = box.y + pad + FONT.title * em;
    setAttrs(title, { x, y });
    setText(title, tcp.established ? 'TCP receive queues' : 'TCP receive queues (no connection yet)');
    const titleW = textWidth('TCP receive queues', FONT.title * em) * 1.12 + 0.7 * em;
    const ownedMsg = `sock_owned_by_user: ${tcp.ownedByUser ? 'yes' : 'no'}`;
    const ow = textWidth(ownedMsg, FONT.label * em, true) + 0.9 * em;
    const oh = FONT.label * em * 1.45;
    setAttr(owned, 'data-on', tcp.ownedByUser ? 'true' : 'false');
    setAttrs(ownedBox, { x: x + titleW, y: y - oh + 0.25 * em, width: ow, height: oh, rx: oh / 2 });
    setAttrs(ownedText, { x: x + titleW + ow / 2, y: y - oh / 2 + 0.25 * em });
    setText(ownedText, ownedMsg);
    y += 0.6 * em;

    const labelW = 9.6 * em;
    const labelPx = FONT.label * em;
    const laneW = Math.max(4 * em, w - labelW);
    const scale = seqScale(tcp, laneW);
    const lx = x + labelW;
    const lanesTop = y;
    QUEUES.forEach((q, i) => {
      drawLane(i, q.key, view, scale, x, y, laneW, labelW, ctx);
      y += (LANE_EM + LANE_GAP_EM) * em;
    });
    const lanesBottom = y - LANE_GAP_EM * em;

    // Guides through the lanes: copied_seq (the reader) and rcv_nxt (next byte expected).
    const guide = (cls: string, key: string, r: number) => {
      const line = child(guides, 'line', cls);
      ctx.move(`tcp:guide:${key}`, xRel(scale, r), (v) => {
        const gx = (lx + v).toFixed(1);
        line.setAttribute('x1', gx);
        line.setAttribute('x2', gx);
      });
      setAttrs(line, { y1: lanesTop - 0.2 * em, y2: lanesBottom + 0.7 * em });
    };
    guide('k-guide k-guide-copied', 'copied', 0);
    guide('k-guide k-guide-nxt', 'nxt', scale.rcvNxt);

    // The window: from rcv_nxt on, cut (») when it is much larger than the data.
    const wy = lanesBottom + 0.3 * em;
    const win = child(axis, 'rect', 'k-window');
    const wx0 = xRel(scale, scale.rcvNxt);
    const wx1 = xRel(scale, scale.winEnd);
    ctx.move('tcp:win:x', wx0, (v) => win.setAttribute('x', (lx + v).toFixed(1)));
    ctx.move('tcp:win:w', Math.max(0, wx1 - wx0), (v) => win.setAttribute('width', v.toFixed(1)));
    setAttrs(win, { y: wy, height: 0.4 * em });
    const more = child(axis, 'text', 'k-label k-window-more');
    setAttrs(more, {
      x: lx + laneW,
      y: wy + 0.2 * em,
      'text-anchor': 'start',
      visibility: scale.windowClipped ? 'visible' : 'hidden',
    });
    setText(more, '»');

    const ly = wy + 1.45 * em;
    const cText = 'copied_seq';
    const nText = 'rcv_nxt';
    const cx = xRel(scale, 0);
    const nx = xRel(scale, scale.rcvNxt);
    const same = scale.rcvNxt === 0;
    const copiedL = child(axis, 'text', 'k-label k-mono k-axis-copied');
    const nxtL = child(axis, 'text', 'k-label k-mono k-axis-nxt');
    const winL = child(axis, 'text', 'k-label k-axis-window');
    setAttrs(copiedL, { x: lx + cx, y: ly });
    setText(copiedL, same ? `${cText} = ${nText}` : cText);
    const cEnd = cx + textWidth(same ? `${cText} = ${nText}` : cText, labelPx, true) + 0.6 * em;
    const nStart = Math.max(nx, cEnd);
    setAttrs(nxtL, { x: lx + nStart, y: ly, visibility: same ? 'hidden' : 'visible' });
    setText(nxtL, nText);
    const nEnd = same ? cEnd : nStart + textWidth(nText, labelPx, true) + 0.6 * em;
    const winText = `receive window ${formatBytes(tcp.window)}${tcp.rcvWnd !== tcp.window ? ` of rcv_wnd ${formatBytes(tcp.rcvWnd)}` : ''}`;
    const ww = textWidth(winText, labelPx);
    setAttrs(winL, { x: lx + Math.max(nEnd, Math.min(laneW - ww, xRel(scale, scale.winEnd) - ww)), y: ly });
    setText(winL, tcp.established ? winText : '');

    // The skb pointed at or selected, with its sequence range.
    y = ly + 1.45 * em;
    const id = ctx.hover.skb ?? (ctx.selection?.kind === 'skb' ? ctx.selection.id : null);
    let text = tcp.ownedByUser
      ? 'The reader owns the socket (tcp_recvmsg), so the softirq puts new segments on the backlog.'
      : 'Point at a segment for its sequence range; click it for the inspector.';
    if (id !== null) {
      for (const q of QUEUES) {
        const s = tcp[q.key].find((k) => k.id === id);
        if (s !== undefined) text = describeSkb(s, tcp, q.name);
      }
      const g = view.gro.held.find((k) => k.id === id);
      if (g !== undefined) text = describeSkb(g, tcp, 'GRO');
    }
    setAttrs(readout, { x, y, 'data-empty': id === null ? 'true' : 'false' });
    setAttr(readout, 'data-owned', id === null && tcp.ownedByUser ? 'true' : 'false');
    setText(readout, text);

    // rmem_alloc (truesize of everything queued) against sk_rcvbuf.
    y += 1.45 * em;
    const rtext = `rmem_alloc ${formatBytes(tcp.rmemAlloc)} of sk_rcvbuf ${formatBytes(tcp.rcvbuf)}`;
    setAttrs(rmemLabel, { x, y });
    setText(rmemLabel, rtext);
    const rx = x + Math.max(labelW, textWidth(rtext, labelPx) + 0.8 * em);
    const rbw = Math.max(2 * em, x + w - rx);
    setAttrs(rmemTrack, { x: rx, y: y - 0.75 * em, width: rbw, height: 0.8 * em });
    setAttrs(rmemBar, { x: rx, y: y - 0.75 * em, height: 0.8 * em });
    const share = tcp.rcvbuf > 0 ? Math.min(1, tcp.rmemAlloc / tcp.rcvbuf) : 0;
    setAttr(rmemBar, 'data-high', share > 0.75 ? 'true' : 'false');
    ctx.move('tcp:rmem', share * rbw, (v) => rmemBar.setAttribute('width', v.toFixed(1)));
  }

  return { draw };
}
