/**
 * The host side: the NVMe/TCP initiator, its TCP sender, the link and the target's transmit
 * side. Importing this registers the host's trace codes, machines and event handlers.
 *
 * Setup: `w.host = initHostState(scenario)`, bind `hostHooks.sendAck` / `hostHooks.targetSend`,
 * then `startHost(sim)` (draws ISNs; `connectionInfo(w)` then tells the target TCP its rcv_nxt).
 */
import './codes';
import './machines';
import './link';
import './tcp-output';
import './tcp-input';
import './nvme-host';

export { initHostState, mssFor } from './state';
export { initialPeerWindow, targetWscale } from './syn-ack';
export type { HostState } from './state';
export { startHost } from './nvme-host';
export { hostHooks, hostSendAck, hostTargetSend } from './target-tx';
export { hostSummary, hostDone, connectionInfo } from './summary';
export type { HostSummary, ConnectionInfo } from './summary';
export { streamBytes } from './send-queue';
export { HOST_CODES } from './codes';
export { HOST_QPAIR_MACHINE, HOST_CA_MACHINE } from './machines';
export { serializationNs } from './link';
