/**
 * The two recorded machines of the host side: the SPDK initiator's qpair state and the host
 * kernel's TCP congestion-avoidance state (used here only for loss recovery).
 */
import { defineMachine } from '../trace/machines';

/** enum nvme_tcp_qpair_state, lib/nvme/nvme_tcp.c (SPDK v24.09). */
export const enum QpState {
  INVALID = 0,
  INITIALIZING = 1,
  FABRIC_CONNECT_SEND = 2,
  FABRIC_CONNECT_POLL = 3,
  AUTHENTICATING = 4,
  RUNNING = 5,
  EXITING = 6,
  EXITED = 7,
}

export const HOST_QPAIR_MACHINE = defineMachine({
  id: 10,
  name: 'host qpair',
  upstream: 'enum nvme_tcp_qpair_state (lib/nvme/nvme_tcp.c)',
  states: [
    'NVME_TCP_QPAIR_STATE_INVALID',
    'NVME_TCP_QPAIR_STATE_INITIALIZING',
    'NVME_TCP_QPAIR_STATE_FABRIC_CONNECT_SEND',
    'NVME_TCP_QPAIR_STATE_FABRIC_CONNECT_POLL',
    'NVME_TCP_QPAIR_STATE_AUTHENTICATING',
    'NVME_TCP_QPAIR_STATE_RUNNING',
    'NVME_TCP_QPAIR_STATE_EXITING',
    'NVME_TCP_QPAIR_STATE_EXITED',
  ],
});

/** enum tcp_ca_state, include/uapi/linux/tcp.h (Linux 6.5). */
export const enum CaState {
  Open = 0,
  Disorder = 1,
  CWR = 2,
  Recovery = 3,
  Loss = 4,
}

export const HOST_CA_MACHINE = defineMachine({
  id: 11,
  name: 'host TCP loss recovery',
  upstream: 'enum tcp_ca_state (include/uapi/linux/tcp.h)',
  states: ['TCP_CA_Open', 'TCP_CA_Disorder', 'TCP_CA_CWR', 'TCP_CA_Recovery', 'TCP_CA_Loss'],
});
