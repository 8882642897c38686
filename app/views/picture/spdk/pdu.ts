/**
 * The PDU in progress (struct nvme_tcp_pdu, pdu_in_progress of the qpair): its type, command id
 * and receive state (nvme_tcp_pdu_recv_state), a bar of its parts in wire order filling as bytes
 * arrive (ch_valid_bytes, psh_valid_bytes, rw_offset), and under it the tcp_req it is bound to
 * with that request's data iovecs (tcp_req->req.iov): the payload fans out into them.
 */
import type { PduView, ReqView } from '../../../sim-types';
import { pduFill } from '../shared/palette';
import { type DrawCtx, isSelected, n } from './ctx';
import { clip, fits, make, selectable, setAttr, setAttrs, setText, setTitle } from './dom';
import { FONT, type SpdkLayout } from './layout';
import { type PduPart, partWidths, pduParts, recvStateShort } from './pdu-geometry';
import { iovWidths, reqStateShort } from './reqs-geometry';

export interface PduPartDrawing {
  draw(pdu: PduView, reqs: readonly ReqView[], layout: SpdkLayout, ctx: DrawCtx): void;
}

const PART_TITLE: Record<PduPart['name'], string> = {
  CH: 'common header (8 bytes: type, flags, hlen, pdo, plen)',
  PSH: 'PDU-specific header',
  HDGST: 'header digest (CRC32C)',
  PAD: 'padding up to the data offset (pdo)',
  DATA: 'data',
  DDGST: 'data digest (CRC32C)',
  REST: 'the rest: its length is in the common header (plen)',
};

/** Fill of a part: the PDU's colour for header and data, neutral for digests and padding. */
function partFill(p: PduPart, cid: number): string {
  if (p.name === 'HDGST' || p.name === 'DDGST') return 'var(--sp-digest)';
  if (p.name === 'PAD') return 'var(--sp-pad)';
  if (p.name === 'REST') return 'var(--sp-unknown)';
  return pduFill(cid);
}

export function createPdu(g: SVGGElement, select: DrawCtx['select']): PduPartDrawing {
  const title = make(g, 'text', 'sp-title');
  const obj = make(g, 'g', 'sp-obj sp-pdu');
  let pduId = 0;
  selectable(obj, () => ({ kind: 'pdu', id: pduId }), select);
  const halo = make(obj, 'rect', 'sp-sel-box');
  const type = make(obj, 'text', 'sp-big');
  const chip = make(obj, 'rect', 'sp-chip');
  const chipText = make(obj, 'text', 'sp-chip-text');
  const idText = make(obj, 'text', 'sp-small sp-muted');
  const stateLabel = make(obj, 'text', 'sp-small sp-muted');
  const statePill = make(obj, 'rect', 'sp-state-pill');
  const stateText = make(obj, 'text', 'sp-state-text');
  const bar = make(obj, 'g', 'sp-pdu-bar');

  const req = make(g, 'g', 'sp-obj sp-bound');
  let reqId = -1;
  selectable(req, () => ({ kind: 'req', id: reqId }), select);
  const reqHalo = make(req, 'rect', 'sp-sel-box');
  const reqTitle = make(req, 'text', 'sp-label');
  const fans = make(req, 'g', 'sp-fans');
  const iovG = make(req, 'g', 'sp-req-iovs');
  const hint = make(g, 'text', 'sp-small sp-muted');

  return {
    draw(pdu, reqs, layout, ctx) {
      const e = layout.em;
      const B = layout.pdu;
      const x0 = B.x;
      const w = B.w;
      pduId = pdu.id;
      setAttrs(title, { x: x0, y: 1.1 * e, 'font-size': FONT.title * e });
      setText(title, clip('PDU in progress · struct nvme_tcp_pdu', fits(w, FONT.title * e)));

      const cid = pdu.cid >= 0 ? pdu.cid : pdu.streamCid;
      const state = recvStateShort(pdu.recvState);
      const sel = isSelected(ctx, 'pdu', pdu.id);
      setAttr(obj, 'class', sel ? 'sp-obj sp-pdu sp-selected' : 'sp-obj sp-pdu');
      setAttr(obj, 'aria-pressed', sel ? 'true' : 'false');
      setAttr(
        obj,
        'aria-label',
        `PDU ${pdu.type === '' ? 'whose common header is not in yet' : pdu.type}${cid >= 0 ? `, cid ${cid}` : ''}, receive state ${state}`,
      );
      setTitle(
        obj,
        `nvme_tcp_pdu #${pdu.id}: ${pdu.type || 'type not known yet'}, recv_state ${pdu.recvState}`,
      );
      setAttrs(halo, { x: x0 - 0.35 * e, y: 1.6 * e, width: w + 0.3 * e, height: 7.5 * e, rx: 0.4 * e });

      // Line 1: type, command id (in its colour) and the PDU's trace id.
      const typeName = pdu.type === '' ? 'CH not in yet' : pdu.type;
      setAttrs(type, { x: x0, y: 2.9 * e, 'font-size': FONT.big * e });
      setText(type, typeName);
      const chipX = x0 + typeName.length * FONT.big * e * 0.66 + 0.6 * e;
      const chipLabel = cid >= 0 ? `cid ${cid}` : 'cid ?';
      const chipW = (chipLabel.length * 0.6 + 1.2) * FONT.label * e;
      setAttrs(chip, {
        x: chipX,
        y: 1.95 * e,
        width: chipW,
        height: 1.3 * e,
        rx: 0.65 * e,
        fill: pduFill(cid),
      });
      setAttrs(chipText, { x: chipX + chipW / 2, y: 2.87 * e, 'font-size': FONT.label * e });
      setText(chipText, chipLabel);
      setAttrs(idText, { x: chipX + chipW + 0.6 * e, y: 2.85 * e, 'font-size': FONT.small * e });
      const idRoom = x0 + w - (chipX + chipW + 0.6 * e);
      setText(idText, pdu.id > 0 ? clip(`PDU #${pdu.id}`, fits(idRoom, FONT.small * e)) : '');

      // Line 2: the receive machine's state.
      setAttrs(stateLabel, { x: x0, y: 4.35 * e, 'font-size': FONT.small * e });
      setText(stateLabel, 'recv_state');
      const pillX = x0 + 5.2 * FONT.small * e + 0.6 * e;
      const pillW = Math.min(w - (pillX - x0), (state.length * 0.62 + 1.2) * FONT.label * e);
      setAttrs(statePill, { x: pillX, y: 3.45 * e, width: Math.max(0, pillW), height: 1.3 * e, rx: 0.3 * e });
      setTitle(
        statePill,
        `${pdu.recvState}: the PDU receive machine's state (enum nvme_tcp_pdu_recv_state), run by nvmf_tcp_sock_process in lib/nvmf/tcp.c`,
      );
      setAttrs(stateText, { x: pillX + 0.5 * FONT.label * e, y: 4.37 * e, 'font-size': FONT.label * e });
      setText(stateText, clip(state, fits(pillW, FONT.label * e, true)));

      // The bar of parts.
      const parts = pduParts(pdu);
      const widths = partWidths(parts, w - 0.2 * e, 3.1 * e);
      const barY = 5.75 * e;
      const barH = 1.9 * e;
      const groups = bar.children;
      while (groups.length < parts.length) {
        const pg = make(bar, 'g', 'sp-part');
        make(pg, 'rect', 'sp-part-bg');
        make(pg, 'rect', 'sp-part-fill');
        make(pg, 'rect', 'sp-part-edge');
        make(pg, 'text', 'sp-part-name');
        make(pg, 'text', 'sp-part-bytes');
      }
      while (groups.length > parts.length) groups[groups.length - 1]!.remove();
      let px = x0;
      parts.forEach((p, i) => {
        const pg = groups[i] as SVGGElement;
        const pw = widths[i]!;
        const fill = partFill(p, cid);
        setAttr(pg, 'data-part', p.name);
        setAttr(pg, 'aria-label', `${p.name} ${p.filled} of ${p.len} bytes`);
        setTitle(
          pg,
          p.name === 'REST'
            ? PART_TITLE.REST
            : `${p.name}: ${PART_TITLE[p.name]}, ${n(p.filled)} of ${n(p.len)} bytes in (${p.field})`,
        );
        const [bg, fr, edge, name, bytes] = [...pg.children].filter((c) => c.tagName !== 'title');
        setAttrs(bg!, { x: px, y: barY, width: Math.max(0, pw - 2), height: barH, fill });
        setAttrs(edge!, { x: px, y: barY, width: Math.max(0, pw - 2), height: barH });
        const frac = p.len > 0 ? p.filled / p.len : 0;
        const x = px;
        // New PDU, new keys: its fills start where they are instead of sliding from the last PDU's.
        ctx.move(`pdu.${pdu.id}.${p.name}`, frac, (v) => {
          setAttrs(fr!, { x, y: barY, width: Math.max(0, (pw - 2) * v), height: barH, fill });
        });
        setAttrs(name!, { x: px + pw / 2, y: barY - 0.35 * e, 'font-size': FONT.small * e });
        setText(name!, clip(p.name === 'REST' ? 'rest (plen)' : p.name, fits(pw, FONT.small * e)));
        const label =
          p.name === 'REST'
            ? '?'
            : p.name === 'DATA' && pw > 12 * e
              ? `rw_offset ${n(p.filled)} / ${n(p.len)} B`
              : `${n(p.filled)}/${n(p.len)}`;
        setAttrs(bytes!, { x: px + pw / 2, y: barY + barH + 1.0 * e, 'font-size': FONT.small * e });
        setText(bytes!, clip(label, fits(pw, FONT.small * e)));
        px += pw;
      });

      // The tcp_req the PDU is bound to (nvmf_tcp_req_get at AWAIT_REQ, or by ttag for H2CData).
      const bound = pdu.reqIdx >= 0 ? reqs.find((r) => r.idx === pdu.reqIdx) : undefined;
      setAttr(req, 'display', bound === undefined ? 'none' : null);
      setAttr(hint, 'display', bound === undefined ? null : 'none');
      const ry = 10.1 * e;
      if (bound === undefined) {
        setAttrs(hint, { x: x0, y: ry + 0.6 * e, 'font-size': FONT.small * e });
        setText(
          hint,
          clip(
            'not bound to a tcp_req yet (nvmf_tcp_req_get takes one at AWAIT_REQ)',
            fits(w, FONT.small * e),
          ),
        );
        return;
      }
      reqId = bound.idx;
      const rsel = isSelected(ctx, 'req', bound.idx);
      setAttr(req, 'class', rsel ? 'sp-obj sp-bound sp-selected' : 'sp-obj sp-bound');
      setAttr(req, 'aria-pressed', rsel ? 'true' : 'false');
      setAttr(req, 'aria-label', `tcp_req ${bound.idx} bound to the PDU, ${reqStateShort(bound.state)}`);
      setAttrs(reqHalo, {
        x: x0 - 0.35 * e,
        y: ry - 1.0 * e,
        width: w + 0.3 * e,
        height: 4.3 * e,
        rx: 0.4 * e,
      });
      setAttrs(reqTitle, { x: x0, y: ry, 'font-size': FONT.label * e });
      setText(
        reqTitle,
        clip(
          `→ tcp_req ${bound.idx} · ${reqStateShort(bound.state)} · req.iov[${bound.iovs.length}]`,
          fits(w, FONT.label * e),
        ),
      );
      const iy = ry + 1.1 * e;
      const ih = 1.3 * e;
      const ws = iovWidths(
        bound.iovs.map((v) => v.len),
        w - 0.2 * e,
        0.2 * e,
      );
      const dataIdx = parts.findIndex((p) => p.name === 'DATA');
      let dataX = x0;
      for (let i = 0; i < dataIdx; i++) dataX += widths[i]!;
      const dataW = dataIdx >= 0 ? widths[dataIdx]! : 0;
      const bars = iovG.children;
      while (bars.length < bound.iovs.length) {
        const b = make(iovG, 'g', 'sp-iovbar');
        make(b, 'rect', 'sp-iovbar-bg');
        make(b, 'rect', 'sp-iovbar-fill');
        make(b, 'text', 'sp-iovbar-text');
      }
      while (bars.length > bound.iovs.length) bars[bars.length - 1]!.remove();
      const lines = fans.children;
      const fanN = dataW > 0 ? bound.iovs.length : 0;
      while (lines.length < fanN) make(fans, 'line', 'sp-fan');
      while (lines.length > fanN) lines[lines.length - 1]!.remove();
      let bx = x0;
      const many = bound.iovs.length > 6;
      bound.iovs.forEach((v, i) => {
        const b = bars[i] as SVGGElement;
        const bw = ws[i]!;
        const [bg, fr, tx] = [...b.children].filter((c) => c.tagName !== 'title');
        setTitle(b, `tcp_req->req.iov[${i}]: ${n(v.filled)} of ${n(v.len)} bytes filled`);
        setAttrs(bg!, { x: bx, y: iy, width: Math.max(0, bw), height: ih });
        const x = bx;
        ctx.move(`bound.${bound.idx}.${i}`, v.len > 0 ? v.filled / v.len : 0, (f) => {
          setAttrs(fr!, { x, y: iy, width: Math.max(0, bw * f), height: ih, fill: pduFill(bound.cid) });
        });
        setAttrs(tx!, { x: bx + bw / 2, y: iy + ih + 0.95 * e, 'font-size': FONT.code * e });
        setText(
          tx!,
          clip(many ? String(i) : `iov[${i}] ${n(v.filled)}/${n(v.len)}`, fits(bw + 0.2 * e, FONT.code * e)),
        );
        if (i < fanN) {
          const l = lines[i]!;
          setAttrs(l, {
            x1: dataX + (dataW * (i + 0.5)) / fanN,
            y1: barY + barH,
            x2: bx + bw / 2,
            y2: iy,
          });
        }
        bx += bw + 0.2 * e;
      });
    },
  };
}
