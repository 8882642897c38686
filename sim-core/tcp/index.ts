/**
 * The TCP receive side and the read syscall. setup.ts binds:
 *   hooks.tcpV4Rcv = tcpV4Rcv, hooks.sockReadv = sockReadv, hooks.tcpReadable = tcpReadable,
 *   the cpu op-end binding calls releaseSockAtOpEnd (for the reactor's ops),
 * and initialises w.tcp = initTcpState(scenario, irs). This stage calls hooks.sendAck and
 * hooks.dataReady. tcpTransmitData is for the target's own data segments (optional).
 */
import './codes';
import './ack';

export { tcpTransmitData, type AckFields } from './ack';
export { tcpBalance, type TcpBalance } from './balance';
export { TC, EV_TCP_COMPRESSED_ACK, EV_TCP_DELACK_TIMER, TCP_DROP_REASONS, ACK_REASONS } from './codes';
export { tcpV4Rcv, tcpBacklogLimit } from './ipv4';
export { tcpReadable } from './ready';
export { sockReadv } from './recvmsg';
export { releaseSockAtOpEnd } from './sock';
export { initTcpState, type TcpState } from './state';
