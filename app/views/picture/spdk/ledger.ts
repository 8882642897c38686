/**
 * The copy ledger (sim-core ledger/ledger.ts, as LedgerView): bytes the NIC wrote by DMA (no CPU),
 * the kernel's copy to user space and where it went (the recv pipe, or straight to the caller),
 * the pipe's second copy, CPU copies per payload byte, and every drop counter that is not zero.
 */
import { formatBytes } from '../../../format';
import type { LedgerView } from '../../../sim-types';
import { n } from './ctx';
import type { ArrowName } from './copy';
import { clip, fits, make, setAttr, setAttrs, setText, setTitle } from './dom';
import { FONT, type SpdkLayout } from './layout';

export interface LedgerPart {
  draw(ledger: LedgerView, layout: SpdkLayout, lit: ReadonlySet<ArrowName>): void;
}

interface Row {
  label: string;
  value: (l: LedgerView) => string;
  title: string;
  /** The arrow of the copy drawing this line counts (lit with it). */
  arrow?: ArrowName;
  indent?: boolean;
  strong?: boolean;
}

const ROWS: Row[] = [
  {
    label: 'DMA by the NIC (no CPU)',
    value: (l) => formatBytes(l.dmaBytes),
    title: 'Bytes the igb NIC wrote into RX ring buffers by DMA: no CPU time.',
  },
  {
    label: 'copy 1 · tcp_recvmsg',
    value: (l) => formatBytes(l.kernelCopyBytes),
    title: 'Bytes tcp_recvmsg copied from skbs to user space (skb_copy_datagram_msg): a CPU copy.',
    arrow: 'kernel',
  },
  {
    label: '↳ into spdk_pipe',
    value: (l) => formatBytes(l.pipeBytes),
    title: 'Of those, bytes posix_sock_read put into the recv pipe.',
    arrow: 'pipe',
    indent: true,
  },
  {
    label: '↳ direct to iovecs',
    value: (l) => formatBytes(l.directBytes),
    title: 'Of those, bytes read straight into the caller’s iovecs, bypassing the pipe.',
    arrow: 'direct',
    indent: true,
  },
  {
    label: 'copy 2 · spdk_iovcpy',
    value: (l) => formatBytes(l.pipeCopyBytes),
    title: 'Bytes copied out of the pipe into the caller’s iovecs: a second CPU copy.',
    arrow: 'iovcpy',
  },
  {
    label: 'CPU copies per payload byte',
    value: (l) => (l.cpuCopiesPerPayloadByte === 0 ? '–' : l.cpuCopiesPerPayloadByte.toFixed(2)),
    title:
      'Write payload that reached request buffers: 1.0 when read straight from the kernel, 2.0 when it went through the pipe.',
    strong: true,
  },
];

/** Non-zero drop counters as "name n", stage prefix dropped ('nic.rx_missed_errors' -> 'rx_missed_errors'). */
export function dropList(drops: Record<string, number>): string[] {
  return Object.entries(drops)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k.replace(/^[a-z]+\./, '')} ${n(v)}`);
}

export function createLedger(g: SVGGElement): LedgerPart {
  const title = make(g, 'text', 'sp-title');
  const frame = make(g, 'rect', 'sp-ledger-box');
  // One group per line, so the line's tooltip (a <title>) is not part of its texts.
  const line = () => {
    const row = make(g, 'g', 'sp-ledger-row');
    return {
      row,
      bg: make(row, 'rect', 'sp-row-bg'),
      label: make(row, 'text', 'sp-small'),
      value: make(row, 'text', 'sp-small sp-value'),
    };
  };
  const rows = ROWS.map(line);
  const drops = line();
  for (let i = 0; i < ROWS.length; i++) setTitle(rows[i]!.row, ROWS[i]!.title);

  return {
    draw(ledger, layout, lit) {
      const e = layout.em;
      const L = layout.ledger;
      setAttrs(title, { x: L.x, y: L.y + 1.1 * e, 'font-size': FONT.title * e });
      setText(title, 'Copy ledger · bytes so far');
      setAttrs(frame, { x: L.x, y: L.y + 1.6 * e, width: L.w, height: L.h - 1.6 * e, rx: 0.35 * e });
      const lh = 1.12 * e;
      const right = L.x + L.w - 0.5 * e;
      ROWS.forEach((r, i) => {
        const y = L.y + 2.75 * e + i * lh;
        const on = r.arrow !== undefined && lit.has(r.arrow);
        const t = rows[i]!;
        setAttrs(t.bg, {
          x: L.x + 0.2 * e,
          y: y - 0.85 * e,
          width: L.w - 0.4 * e,
          height: 1.1 * e,
          rx: 0.2 * e,
        });
        setAttr(t.bg, 'class', on ? 'sp-row-bg sp-row-lit' : 'sp-row-bg');
        setAttrs(t.label, { x: L.x + (r.indent ? 1.3 : 0.5) * e, y, 'font-size': FONT.small * e });
        setAttr(t.label, 'class', `sp-small${on || r.strong ? ' sp-strong' : ''}`);
        setText(t.label, r.label);
        setAttrs(t.value, {
          x: right,
          y,
          'font-size': (r.strong ? FONT.label : FONT.small) * e,
          'text-anchor': 'end',
        });
        setAttr(t.value, 'class', `sp-value${on || r.strong ? ' sp-strong' : ''}`);
        setText(t.value, r.value(ledger));
      });
      const list = dropList(ledger.drops);
      const y = L.y + 2.75 * e + ROWS.length * lh;
      setAttrs(drops.label, { x: L.x + 0.5 * e, y, 'font-size': FONT.small * e });
      setText(drops.label, 'drops');
      setAttrs(drops.value, { x: right, y, 'font-size': FONT.small * e, 'text-anchor': 'end' });
      setAttr(drops.value, 'class', list.length > 0 ? 'sp-small sp-value sp-drop' : 'sp-small sp-value');
      setText(
        drops.value,
        list.length === 0 ? 'none' : clip(list.join(' · '), fits(L.w - 3.5 * e, FONT.small * e)),
      );
      setTitle(drops.row, list.length === 0 ? 'No drop counter is above zero.' : list.join('\n'));
    },
  };
}
