/**
 * The copy out of the kernel socket: tcp_recvmsg copies bytes from the skbs (CPU copy 1) into
 * the iovecs posix_sock_readv passed, which are either the recv pipe's free space (posix_sock_read)
 * or, for a read of at least 1,024 bytes while the pipe is empty, the caller's own iovecs (direct).
 * Bytes that went through the pipe are copied a second time by spdk_iovcpy. The arrows of the
 * path this step takes are lit, with what the step does in words.
 */
import type { TcpView } from '../../../sim-types';
import { n } from './ctx';
import { make, setAttr, setAttrs, setText, setTitle } from './dom';
import { FONT, type SpdkLayout } from './layout';
import { type CopyActivity, litArrows } from './copy-model';

export type ArrowName = 'kernel' | 'pipe' | 'direct' | 'iovcpy';

export interface CopyPart {
  draw(tcp: TcpView, hasPipe: boolean, activity: CopyActivity | null, layout: SpdkLayout): void;
}

/** Words of `text` in lines of at most `chars` characters (at most `max` lines). */
export function wrap(text: string, chars: number, max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    const next = cur === '' ? w : `${cur} ${w}`;
    if (next.length > chars && cur !== '') {
      lines.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur !== '') lines.push(cur);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${kept[max - 1]!.slice(0, Math.max(1, chars - 1))}…`;
    return kept;
  }
  return lines;
}

export function createCopy(g: SVGGElement): CopyPart {
  const title = make(g, 'text', 'sp-title');
  const box = make(g, 'rect', 'sp-sock-box');
  const boxName = make(g, 'text', 'sp-label sp-strong');
  const boxBytes = make(g, 'text', 'sp-small');
  const arrows: Record<ArrowName, SVGPathElement> = {
    kernel: make(g, 'path', 'sp-arrow'),
    pipe: make(g, 'path', 'sp-arrow'),
    direct: make(g, 'path', 'sp-arrow'),
    iovcpy: make(g, 'path', 'sp-arrow'),
  };
  const fork = make(g, 'circle', 'sp-fork');
  const labels = {
    kernel: [make(g, 'text', 'sp-label'), make(g, 'text', 'sp-small sp-muted')],
    pipe: [make(g, 'text', 'sp-small'), make(g, 'text', 'sp-small sp-muted')],
    direct: [make(g, 'text', 'sp-small'), make(g, 'text', 'sp-small sp-muted')],
    iovcpy: [make(g, 'text', 'sp-small'), make(g, 'text', 'sp-small sp-muted')],
  };
  const now = [0, 1, 2].map(() => make(g, 'text', 'sp-small sp-now'));
  const titles: Record<ArrowName, string> = {
    kernel:
      'tcp_recvmsg (net/ipv4/tcp.c): skb_copy_datagram_msg copies payload from the skbs into the iovecs SPDK passed to readv. The first CPU copy.',
    pipe: 'posix_sock_read (module/sock/posix/posix.c): one readv of the pipe’s free space (one iovec, or two when it wraps), so that many small reads (PDU headers) need no system call.',
    direct:
      'posix_sock_readv, direct path: a read of at least MIN_SOCK_PIPE_SIZE (1,024 bytes) while the pipe is empty goes straight into the caller’s iovecs (a tcp_req’s data buffers): one CPU copy only.',
    iovcpy:
      'posix_sock_recv_from_pipe: spdk_iovcpy copies from the pipe into the caller’s iovecs (the PDU header or a tcp_req’s buffers). The second CPU copy of these bytes.',
  };
  for (const k of Object.keys(arrows) as ArrowName[]) setTitle(arrows[k], titles[k]);

  return {
    draw(tcp, hasPipe, activity, layout) {
      const e = layout.em;
      const C = layout.copy;
      const P = layout.pipe;
      const D = layout.pdu;
      setAttrs(title, { x: 0, y: 1.1 * e, 'font-size': FONT.title * e });
      setText(title, 'Out of the socket');

      // The kernel socket: bytes tcp_recvmsg could copy now (rcv_nxt - copied_seq).
      const unread = tcp.established ? (tcp.rcvNxt - tcp.copiedSeq) >>> 0 : 0;
      const bw = C.w - 0.6 * e;
      setAttrs(box, { x: 0.05 * e, y: 1.6 * e, width: bw, height: 2.9 * e, rx: 0.35 * e });
      setTitle(box, 'The TCP socket’s sk_receive_queue: bytes in order, waiting for tcp_recvmsg.');
      setAttrs(boxName, { x: 0.55 * e, y: 2.75 * e, 'font-size': FONT.label * e });
      setText(boxName, 'kernel socket');
      setAttrs(boxBytes, { x: 0.55 * e, y: 3.85 * e, 'font-size': FONT.small * e });
      setText(boxBytes, `${n(unread)} B to read`);

      const lit = litArrows(activity?.path ?? null);
      const fx = 1.6 * e;
      const cy = P.cy;
      const ringLeft = P.cx - P.r - 1.15 * e;
      const ringRight = P.cx + P.r + 1.15 * e;
      const dy = 15.0 * e;
      const ix = D.x - 1.3 * e;
      const iy = 11.85 * e;
      const barMid = 6.7 * e;
      const paths: Record<ArrowName, string> = {
        kernel: `M${fx},${4.5 * e}V${cy - 0.35 * e}`,
        pipe: `M${fx},${cy}H${ringLeft}`,
        direct: `M${fx},${cy}V${dy}H${ix}V${iy}H${D.x - 0.35 * e}`,
        iovcpy: `M${ringRight},${cy}C${(ringRight + D.x) / 2},${cy} ${(ringRight + D.x) / 2},${barMid} ${D.x - 0.35 * e},${barMid}`,
      };
      for (const k of Object.keys(arrows) as ArrowName[]) {
        const on = lit.has(k);
        setAttr(arrows[k], 'd', paths[k]);
        setAttr(arrows[k], 'class', `sp-arrow sp-arrow-${k}${on ? ' sp-lit' : ''}`);
        setAttr(arrows[k], 'marker-end', on ? 'url(#spdk-arrow-lit)' : 'url(#spdk-arrow)');
        setAttr(arrows[k], 'data-arrow', k);
        // Before the pipe exists every read is a plain readv into the PDU header (direct).
        setAttr(arrows[k], 'opacity', !hasPipe && (k === 'pipe' || k === 'iovcpy') ? 0.35 : null);
      }
      setAttrs(fork, { cx: fx, cy, r: 0.28 * e });

      const place = (k: ArrowName, x: number, y: number, a: string, b: string, anchor = 'start') => {
        const [t0, t1] = labels[k];
        const on = lit.has(k);
        setAttrs(t0!, {
          x,
          y,
          'font-size': (k === 'kernel' ? FONT.label : FONT.small) * e,
          'text-anchor': anchor,
        });
        setAttr(t0!, 'class', `${k === 'kernel' ? 'sp-label' : 'sp-small'}${on ? ' sp-strong' : ''}`);
        setText(t0!, a);
        setAttrs(t1!, { x, y: y + 0.95 * e, 'font-size': FONT.small * e, 'text-anchor': anchor });
        setText(t1!, b);
      };
      place('kernel', fx + 0.6 * e, 5.45 * e, 'tcp_recvmsg', 'CPU copy 1');
      place('pipe', fx + 0.6 * e, cy - 0.45 * e, 'posix_sock_read', 'readv into the pipe');
      setAttr(labels.pipe[1]!, 'y', cy + 1.05 * e);
      place('direct', fx + 0.6 * e, 13.5 * e, 'direct readv, ≥ 1,024 B', 'asked and the pipe empty');
      const mid = (ringRight + D.x) / 2;
      place('iovcpy', mid, Math.min(cy, barMid) - 0.75 * e, 'spdk_iovcpy', 'CPU copy 2', 'middle');
      setAttr(labels.iovcpy[1]!, 'y', Math.max(cy, barMid) + 1.1 * e);

      // What this step does, in words.
      const chars = Math.max(12, Math.floor((C.w - fx - 0.6 * e) / (FONT.small * e * 0.56)));
      const lines = activity === null ? [] : wrap(activity.text, chars, now.length);
      now.forEach((t, i) => {
        setAttrs(t, { x: fx + 0.6 * e, y: 10.15 * e + i * 0.95 * e, 'font-size': FONT.small * e });
        setText(t, lines[i] ?? '');
      });
    },
  };
}
