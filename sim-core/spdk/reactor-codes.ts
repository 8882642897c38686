/**
 * Trace codes of the SPDK reactor (560-562, inside spdk's 500-599; the sock layer keeps to
 * 500-549). Apart from reactor.ts so the page can register every code without the reactor's logic.
 */
import { defineCodes } from '../trace/codes';

export const C_POLL = 560;
export const C_BDEV_DONE = 561;
export const C_SOCK_CB = 562;

defineCodes(
  [500, 599],
  [
    {
      code: C_POLL,
      fn: 'nvmf_tcp_poll_group_poll',
      file: 'lib/nvmf/tcp.c',
      repo: 'spdk',
      layer: 'sock',
      args: { a: 'sockets with data', b: 'completions handled' },
      caption:
        'The reactor runs the TCP poll group: it asks the socket group which sockets have data and finishes requests whose I/O is done.',
    },
    {
      code: C_BDEV_DONE,
      fn: 'bdev_io_complete',
      file: 'lib/bdev/bdev.c',
      repo: 'spdk',
      layer: 'backend',
      args: { obj: 'tcp_req index' },
      caption: 'The block device finished the write; its completion callback will run on the reactor.',
    },
    {
      code: C_SOCK_CB,
      fn: 'nvmf_tcp_sock_cb',
      file: 'lib/nvmf/tcp.c',
      repo: 'spdk',
      layer: 'nvmf',
      args: {},
      caption:
        'The socket has data (in the kernel or in the recv pipe): the group calls the qpair back to run its receive state machine.',
    },
  ],
);
