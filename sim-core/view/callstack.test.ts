import { describe, expect, it } from 'vitest';
import { presetScenario } from '../scenario';
import { simulate } from '../simulate';
import { allCodes, codeInfo, LINUX_TAG, SPDK_TAG } from '../trace/codes';
import { allMachines, STATE_CODE_BASE } from '../trace/machines';
import { callStack, DEFAULT_CONTEXT, type StackContext, stackContext } from './callstack';
import { functionHome, listedFunctions } from './callstack-files';
import { columnsOf } from './scan';
import { ViewCursor } from './cursor';

/** Each value of each field of the context at least once. */
const CONTEXTS: StackContext[] = [
  DEFAULT_CONTEXT,
  { softirq: 'ksoftirqd', tcp: 'backlog', payload: true, readv: true, pipe: false, capsule: true },
  { softirq: 'irq-exit', tcp: 'reader', payload: true, readv: false, pipe: true, capsule: false },
  { softirq: 'ksoftirqd', tcp: 'delack-timer', payload: false, readv: false, pipe: false, capsule: false },
  { softirq: 'irq-exit', tcp: 'sack-timer', payload: true, readv: true, pipe: true, capsule: true },
];

/** The model's row names that stand for the function Linux 6.5 really runs on its list path. */
const STANDS_FOR: Record<string, string> = { ip_rcv: 'ip_rcv_core', ip_rcv_finish: 'ip_rcv_finish_core' };

/** Functions that write each machine's state. */
const SETTERS = new Set([
  'nvmf_tcp_qpair_set_recv_state',
  'nvmf_tcp_req_set_state',
  'nvmf_tcp_qpair_set_state',
  'igb_alloc_rx_buffers',
  'igb_clean_rx_irq',
  'igb_ring_irq_enable',
  'napi_schedule_prep',
  'napi_complete_done',
  'posix_sock_group_impl_poll',
]);

describe('call stacks', () => {
  it('every trace code has a chain in every context, starting with the row function', () => {
    for (const info of allCodes()) {
      for (const c of CONTEXTS) {
        const s = callStack({ code: info.code }, c);
        expect(s.frames.length, info.fn).toBeGreaterThan(0);
        expect(s.frames[0]!.fn, `code ${info.code}`).toBe(STANDS_FOR[info.fn] ?? info.fn);
        // No function calls itself here: a repeated name means a chain was joined twice.
        const names = s.frames.map((f) => f.fn);
        expect(new Set(names).size, `${info.fn}: ${names.join(' <- ')}`).toBe(names.length);
      }
    }
  });

  it('every caller is a listed upstream function with a link at the pinned tag', () => {
    for (const info of allCodes()) {
      for (const c of CONTEXTS) {
        for (const f of callStack({ code: info.code }, c).frames.slice(1)) {
          const home = functionHome(f.fn);
          expect(home, `${f.fn} (caller in the stack of ${info.fn})`).toBeDefined();
          expect(f.file).toBe(home!.file);
          expect(f.url).toContain(
            home!.repo === 'linux' ? `/linux/${LINUX_TAG}/source/` : `/blob/${SPDK_TAG}/`,
          );
          expect(f.url!.endsWith(f.file)).toBe(true);
        }
      }
    }
  });

  it("a row's own frame links to the same file as the code book, unless the definition lives elsewhere", () => {
    const moved = new Set(['skb_copy_datagram_msg']); // an inline in skbuff.h around skb_copy_datagram_iter
    for (const info of allCodes()) {
      const own = callStack({ code: info.code }).frames[0]!;
      if (own.fn !== info.fn || moved.has(info.fn)) continue;
      expect(own.file, info.fn).toBe(info.file);
    }
  });

  it('single-frame stacks say why (host, hardware, rxpath): every other stack reaches a thread or an interrupt', () => {
    const roots = new Set(['common_interrupt', 'kthread', 'reactor_run', 'entry_SYSCALL_64']);
    for (const info of allCodes()) {
      const s = callStack({ code: info.code });
      if (s.frames.length === 1) {
        expect(s.notes.length, info.fn).toBeGreaterThan(0);
        continue;
      }
      const last = s.frames[s.frames.length - 1]!.fn;
      if (!roots.has(last)) expect(s.notes.join(' '), `${info.fn} ends at ${last}`).not.toBe('');
    }
  });

  it('the igb receive path runs in NET_RX, from the interrupt exit or from ksoftirqd', () => {
    const atExit = callStack({ code: 204 }, { ...DEFAULT_CONTEXT, softirq: 'irq-exit' }).frames.map(
      (f) => f.fn,
    );
    expect(atExit.slice(0, 6)).toEqual([
      'igb_clean_rx_irq',
      'igb_poll',
      '__napi_poll',
      'napi_poll',
      'net_rx_action',
      '__do_softirq',
    ]);
    expect(atExit).toContain('irq_exit_rcu');
    const inThread = callStack({ code: 204 }, { ...DEFAULT_CONTEXT, softirq: 'ksoftirqd' }).frames.map(
      (f) => f.fn,
    );
    expect(inThread.slice(-4)).toEqual(['__do_softirq', 'run_ksoftirqd', 'smpboot_thread_fn', 'kthread']);
  });

  it('tcp_v4_rcv is reached from GRO through the IPv4 list path', () => {
    const s = callStack({ code: 400 }).frames.map((f) => f.fn);
    const order = [
      'tcp_v4_rcv',
      'ip_protocol_deliver_rcu',
      'ip_local_deliver_finish',
      'ip_local_deliver',
      'ip_list_rcv',
      '__netif_receive_skb_list_core',
      'netif_receive_skb_list_internal',
      'gro_normal_list',
      'napi_gro_receive',
      'igb_clean_rx_irq',
      'net_rx_action',
    ];
    const at = order.map((n) => s.indexOf(n));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('TCP input run by the reader goes up through release_sock into SPDK readv', () => {
    const s = callStack({ code: 403 }, { ...DEFAULT_CONTEXT, tcp: 'backlog', pipe: true }).frames;
    const names = s.map((f) => f.fn);
    expect(names.slice(0, 6)).toEqual([
      'tcp_data_queue',
      'tcp_rcv_established',
      'tcp_v4_do_rcv',
      'sk_backlog_rcv',
      '__release_sock',
      'release_sock',
    ]);
    const sys = names.indexOf('entry_SYSCALL_64');
    expect(sys).toBeGreaterThan(0);
    expect(s[sys + 1]!.repo).toBe('spdk');
    expect(names[sys + 1]).toBe('posix_sock_read');
    expect(names[names.length - 1]).toBe('reactor_run');
    // The same row in softirq never leaves the kernel.
    const soft = callStack({ code: 403 }, { ...DEFAULT_CONTEXT, tcp: 'softirq' }).frames;
    expect(soft.every((f) => f.repo === 'linux')).toBe(true);
  });

  it('tcp_send_ack has the caller of its context', () => {
    const second = (tcp: StackContext['tcp']) =>
      callStack({ code: 412 }, { ...DEFAULT_CONTEXT, tcp }).frames[1]!.fn;
    expect(second('softirq')).toBe('__tcp_ack_snd_check');
    expect(second('reader')).toBe('__tcp_cleanup_rbuf');
    expect(second('delack-timer')).toBe('tcp_delack_timer_handler');
    expect(second('sack-timer')).toBe('tcp_compressed_ack_kick');
  });

  it('the SPDK receive loop goes up through the sock group to the reactor', () => {
    const names = callStack({ code: 600 }).frames.map((f) => f.fn);
    expect(names).toEqual([
      'nvmf_tcp_sock_process',
      'tcp_sock_cb',
      'nvmf_tcp_sock_cb',
      'sock_group_impl_poll_count',
      'spdk_sock_group_poll_count',
      'spdk_sock_group_poll',
      'nvmf_tcp_poll_group_poll',
      'nvmf_transport_poll_group_poll',
      'nvmf_poll_group_poll',
      'thread_execute_poller',
      'thread_poll',
      'spdk_thread_poll',
      '_reactor_run',
      'reactor_run',
    ]);
    const scattered = { ...DEFAULT_CONTEXT, payload: true, readv: true };
    const payload = callStack({ code: 502 }, scattered).frames.map((f) => f.fn);
    expect(payload.slice(0, 4)).toEqual([
      'posix_sock_readv',
      'spdk_sock_readv',
      'nvme_tcp_readv_data',
      'nvme_tcp_read_payload_data',
    ]);
    const one = callStack({ code: 601 }, { ...DEFAULT_CONTEXT, payload: true }).frames.map((f) => f.fn);
    expect(one.slice(0, 3)).toEqual([
      'nvme_tcp_read_data',
      'nvme_tcp_readv_data',
      'nvme_tcp_read_payload_data',
    ]);
    const header = callStack({ code: 502 }, { ...DEFAULT_CONTEXT, payload: false }).frames.map((f) => f.fn);
    expect(header.slice(0, 4)).toEqual([
      'posix_sock_readv',
      'posix_sock_recv',
      'spdk_sock_recv',
      'nvme_tcp_read_data',
    ]);
  });

  it('state changes name the function that writes the state, or say why there is none', () => {
    for (const m of allMachines()) {
      for (let to = 0; to < m.states.length; to++) {
        const s = callStack({ code: STATE_CODE_BASE + m.id, b: to });
        expect(s.frames.length).toBeGreaterThan(0);
        if (s.frames.length === 1 && !SETTERS.has(s.frames[0]!.fn)) expect(s.notes.length).toBeGreaterThan(0);
        else expect(SETTERS.has(s.frames[0]!.fn), `${m.name} -> ${m.states[to]}`).toBe(true);
      }
    }
  });

  it('the listed files name no function twice and cover the code book names they list', () => {
    const names = listedFunctions();
    expect(new Set(names).size).toBe(names.length);
    for (const info of allCodes()) {
      const home = functionHome(info.fn);
      if (home !== undefined) expect(home.repo).toBe(info.repo);
    }
    expect(codeInfo(204)?.fn).toBe('igb_clean_rx_irq');
  });
});

describe('stack context from a view', () => {
  const run = simulate(presetScenario('backlog'));
  const cols = columnsOf(run.trace);
  const cursor = new ViewCursor(run.trace, run.keyframes, cols);
  const codeAt = (i: number) => cols.chunks[i >>> cols.shift]!.code[i & cols.mask]!;
  const recent = (step: number) =>
    Array.from({ length: Math.min(32, step + 1) }, (_, k) => codeAt(step - Math.min(31, step) + k));

  it('TCP rows after __release_sock run in the reader (backlog); after tcp_v4_rcv in softirq', () => {
    let backlog = 0;
    let softirq = 0;
    for (let i = 0; i < cols.length; i++) {
      if (codeAt(i) !== 402) continue;
      const ctx = stackContext(cursor.viewAt(i), recent(i));
      if (ctx.tcp === 'backlog') backlog++;
      if (ctx.tcp === 'softirq') softirq++;
      if (backlog > 0 && softirq > 0) break;
    }
    expect(backlog).toBeGreaterThan(0);
    expect(softirq).toBeGreaterThan(0);
  });

  it('payload reads are seen from the PDU receive state, and which read call from the rows before', () => {
    const kinds = new Set<string>();
    for (let i = 0; i < cols.length && !(kinds.has('false/false') && kinds.has('true/false')); i++) {
      if (codeAt(i) !== 502) continue;
      const c = stackContext(cursor.viewAt(i), recent(i));
      const prev = [601, 602].includes(codeAt(i - 1)) ? codeAt(i - 1) : null;
      if (prev !== null) expect(c.readv).toBe(prev === 602);
      kinds.add(`${c.payload}/${c.readv}`);
    }
    expect(kinds.has('false/false')).toBe(true); // a header read
    expect(kinds.has('true/false')).toBe(true); // payload into one buffer
  });
});
