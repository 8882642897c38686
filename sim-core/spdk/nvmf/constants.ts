/**
 * Constants of the SPDK v24.09 NVMe/TCP target (lib/nvmf/tcp.c, include/spdk_internal/nvme_tcp.h,
 * include/spdk/nvmf_spec.h, include/spdk/nvme_spec.h) that the model reads. State numbers are the
 * upstream enum values; the names live in machines.ts, taken from the XState definitions.
 */

/** enum nvme_tcp_pdu_recv_state (include/spdk_internal/nvme_tcp.h), in enum order. */
export const RECV_STATE_NAMES = [
  'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_READY',
  'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_CH',
  'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PSH',
  'NVME_TCP_PDU_RECV_STATE_AWAIT_REQ',
  'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_BUF',
  'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PAYLOAD',
  'NVME_TCP_PDU_RECV_STATE_QUIESCING',
  'NVME_TCP_PDU_RECV_STATE_ERROR',
] as const;

export const RS_AWAIT_PDU_READY = 0;
export const RS_AWAIT_PDU_CH = 1;
export const RS_AWAIT_PDU_PSH = 2;
export const RS_AWAIT_REQ = 3;
export const RS_AWAIT_PDU_BUF = 4;
export const RS_AWAIT_PDU_PAYLOAD = 5;
export const RS_QUIESCING = 6;
export const RS_ERROR = 7;

/** enum spdk_nvmf_tcp_req_state (lib/nvmf/tcp.c), in enum order. */
export const REQ_STATE_NAMES = [
  'TCP_REQUEST_STATE_FREE',
  'TCP_REQUEST_STATE_NEW',
  'TCP_REQUEST_STATE_NEED_BUFFER',
  'TCP_REQUEST_STATE_HAVE_BUFFER',
  'TCP_REQUEST_STATE_AWAITING_ZCOPY_START',
  'TCP_REQUEST_STATE_ZCOPY_START_COMPLETED',
  'TCP_REQUEST_STATE_TRANSFERRING_HOST_TO_CONTROLLER',
  'TCP_REQUEST_STATE_AWAITING_R2T_ACK',
  'TCP_REQUEST_STATE_READY_TO_EXECUTE',
  'TCP_REQUEST_STATE_EXECUTING',
  'TCP_REQUEST_STATE_AWAITING_ZCOPY_COMMIT',
  'TCP_REQUEST_STATE_EXECUTED',
  'TCP_REQUEST_STATE_READY_TO_COMPLETE',
  'TCP_REQUEST_STATE_TRANSFERRING_CONTROLLER_TO_HOST',
  'TCP_REQUEST_STATE_AWAITING_ZCOPY_RELEASE',
  'TCP_REQUEST_STATE_COMPLETED',
] as const;

export const TS_FREE = 0;
export const TS_NEW = 1;
export const TS_NEED_BUFFER = 2;
export const TS_HAVE_BUFFER = 3;
export const TS_AWAITING_ZCOPY_START = 4;
export const TS_ZCOPY_START_COMPLETED = 5;
export const TS_TRANSFERRING_H2C = 6;
export const TS_AWAITING_R2T_ACK = 7;
export const TS_READY_TO_EXECUTE = 8;
export const TS_EXECUTING = 9;
export const TS_AWAITING_ZCOPY_COMMIT = 10;
export const TS_EXECUTED = 11;
export const TS_READY_TO_COMPLETE = 12;
export const TS_TRANSFERRING_C2H = 13;
export const TS_AWAITING_ZCOPY_RELEASE = 14;
export const TS_COMPLETED = 15;
export const TCP_REQUEST_NUM_STATES = 16;

/** enum nvmf_tcp_qpair_state (lib/nvmf/tcp.c), in enum order. */
export const QPAIR_STATE_NAMES = [
  'NVMF_TCP_QPAIR_STATE_INVALID',
  'NVMF_TCP_QPAIR_STATE_INITIALIZING',
  'NVMF_TCP_QPAIR_STATE_RUNNING',
  'NVMF_TCP_QPAIR_STATE_EXITING',
  'NVMF_TCP_QPAIR_STATE_EXITED',
] as const;

export const QS_INVALID = 0;
export const QS_INITIALIZING = 1;
export const QS_RUNNING = 2;
export const QS_EXITING = 3;
export const QS_EXITED = 4;

/** Recorded machine ids (trace/machines.ts). */
export const MACHINE_RECV = 1;
export const MACHINE_REQ = 2;
export const MACHINE_QPAIR = 3;

/** enum spdk_nvme_tcp_term_req_fes (include/spdk/nvmf_spec.h). */
export const FES_INVALID_HEADER_FIELD = 0x01;
export const FES_PDU_SEQUENCE_ERROR = 0x02;
export const FES_HDGST_ERROR = 0x03;
export const FES_DATA_TRANSFER_OUT_OF_RANGE = 0x04;
export const FES_DATA_TRANSFER_LIMIT_EXCEEDED = 0x05;
export const FES_INVALID_DATA_UNSUPPORTED_PARAMETER = 0x06;

/** enum nvme_tcp_error_codes: what nvmf_tcp_sock_process returns besides byte counts. */
export const NVME_TCP_PDU_IN_PROGRESS = 0;
export const NVME_TCP_CONNECTION_FATAL = -1;
export const NVME_TCP_PDU_FATAL = -2;

export const PDU_TYPE_IC_REQ = 0x00;
export const PDU_TYPE_IC_RESP = 0x01;
export const PDU_TYPE_H2C_TERM_REQ = 0x02;
export const PDU_TYPE_C2H_TERM_REQ = 0x03;
export const PDU_TYPE_CAPSULE_CMD = 0x04;
export const PDU_TYPE_CAPSULE_RESP = 0x05;
export const PDU_TYPE_H2C_DATA = 0x06;
export const PDU_TYPE_C2H_DATA = 0x07;
export const PDU_TYPE_R2T = 0x09;

export const CH_FLAGS_HDGSTF = 0x01;
export const CH_FLAGS_DDGSTF = 0x02;
export const C2H_DATA_FLAGS_LAST_PDU = 0x04;
export const C2H_DATA_FLAGS_SUCCESS = 0x08;

/** g_nvme_tcp_hdgst / g_nvme_tcp_ddgst: which PDU types may carry digests (index = type, 0..9). */
export function typeHasHdgst(t: number): boolean {
  return t === 0x04 || t === 0x05 || t === 0x06 || t === 0x07 || t === 0x09;
}
export function typeHasDdgst(t: number): boolean {
  return t === 0x04 || t === 0x06 || t === 0x07;
}

/** Sizes of the header structs (sizeof in nvmf_spec.h). */
export const CH_LEN = 8;
export const IC_REQ_LEN = 128;
export const IC_RESP_LEN = 128;
export const TERM_REQ_HDR_LEN = 24;
export const CAPSULE_CMD_LEN = 72;
export const CAPSULE_RESP_LEN = 24;
export const H2C_DATA_HDR_LEN = 24;
export const C2H_DATA_HDR_LEN = 24;
export const R2T_HDR_LEN = 24;
export const DIGEST_LEN = 4;
/** SPDK_NVME_TCP_TERM_REQ_ERROR_DATA_MAX_SIZE and SPDK_NVME_TCP_TERM_REQ_PDU_MAX_SIZE. */
export const TERM_REQ_ERROR_DATA_MAX_SIZE = 128;
export const TERM_REQ_PDU_MAX_SIZE = 152;
export const HPDA_MAX = 31;
export const CPDA_MAX = 31;
/** SPDK_NVME_TCP_PDU_PDO_MAX_OFFSET = (CPDA_MAX + 1) << 2. */
export const PDU_PDO_MAX_OFFSET = 128;
/** SPDK_NVME_TCP_IN_CAPSULE_DATA_MAX_SIZE: largest in-capsule data for admin and fabrics commands. */
export const IN_CAPSULE_DATA_MAX_SIZE = 8192;
/** NVME_TCP_MAX_SGL_DESCRIPTORS: data_iov entries of a PDU; payload reads use one more for the digest. */
export const NVME_TCP_MAX_SGL_DESCRIPTORS = 16;
/** NVMF_REQ_MAX_BUFFERS = SPDK_NVMF_MAX_SGL_ENTRIES * 2 + 1 (include/spdk/nvmf_transport.h). */
export const NVMF_REQ_MAX_BUFFERS = 33;
/** SPDK_NVMF_TCP_RECV_BUF_SIZE_FACTOR and MIN_SOCK_PIPE_SIZE. */
export const RECV_BUF_SIZE_FACTOR = 8;
export const MIN_SOCK_PIPE_SIZE = 1024;
/** SPDK_NVMF_TCP_DEFAULT_CONTROL_MSG_NUM and SPDK_NVMF_TCP_DEFAULT_SUCCESS_OPTIMIZATION (c2h_success). */
export const CONTROL_MSG_NUM = 32;
export const C2H_SUCCESS = true;
/** IOBUF_BATCH_SIZE (lib/thread/iobuf.c). */
export const IOBUF_BATCH_SIZE = 32;
/** SPDK_BDEV_MAX_INTERLEAVED_MD_SIZE: SPDK_BDEV_BUF_SIZE_WITH_MD(x) = x / 512 * (512 + 64). */
export const BDEV_MAX_INTERLEAVED_MD_SIZE = 64;
/** SPDK_NVME_TCP_QPAIR_EXIT_TIMEOUT (seconds): not scheduled by the model, see qpair.ts. */
export const QPAIR_EXIT_TIMEOUT_S = 30;

/**
 * Byte offsets inside struct nvme_tcp_pdu on x86-64 (include/spdk_internal/nvme_tcp.h): the
 * 152-byte header union `hdr.raw`, then the fields that follow it. A PSH read longer than
 * hdr.raw (possible in v24.09, see calc_psh_len in handlers.ts) lands on these fields, so the
 * model keeps them inside the same byte image at these offsets.
 */
export const PDU_RAW_LEN = 152;
export const OFF_HAS_HDGST = 152;
export const OFF_DDGST_ENABLE = 153;
export const OFF_DATA_DIGEST_CRC32 = 156;
export const OFF_DATA_DIGEST = 160;
export const OFF_CH_VALID_BYTES = 164;
export const OFF_PSH_VALID_BYTES = 165;
export const OFF_PSH_LEN = 166;
/**
 * The image covers the farthest a PSH read can reach: 8 + 255 bytes. Past psh_len the struct
 * holds the send-side fields (cb_fn, sock_req, iov[0]), which a receive PDU never uses.
 */
export const PDU_IMAGE_LEN = CH_LEN + 255;

/** NVMe opcodes and fabrics command types the target looks at. */
export const NVME_OPC_WRITE = 0x01;
export const NVME_OPC_READ = 0x02;
export const NVME_OPC_COMPARE = 0x05;
export const NVME_OPC_FABRIC = 0x7f;
export const FABRIC_COMMAND_CONNECT = 0x01;
export const FABRIC_COMMAND_AUTH_SEND = 0x05;
export const FABRIC_COMMAND_AUTH_RECV = 0x06;

/** enum spdk_nvme_data_transfer. */
export const XFER_NONE = 0;
export const XFER_HOST_TO_CONTROLLER = 1;
export const XFER_CONTROLLER_TO_HOST = 2;
export const XFER_BIDIRECTIONAL = 3;

/** enum spdk_nvme_cmd_fuse. */
export const FUSE_NONE = 0;
export const FUSE_FIRST = 1;
export const FUSE_SECOND = 2;

/** SGL descriptor types and subtypes (nvme_spec.h). */
export const SGL_TYPE_DATA_BLOCK = 0x0;
export const SGL_TYPE_BIT_BUCKET = 0x1;
export const SGL_TYPE_SEGMENT = 0x2;
export const SGL_TYPE_LAST_SEGMENT = 0x3;
export const SGL_TYPE_KEYED_DATA_BLOCK = 0x4;
export const SGL_TYPE_TRANSPORT_DATA_BLOCK = 0x5;
export const SGL_SUBTYPE_OFFSET = 0x1;
export const SGL_SUBTYPE_TRANSPORT = 0xa;

/** Generic status codes (SCT 0) the target sets. */
export const SCT_GENERIC = 0;
export const SC_SUCCESS = 0x00;
export const SC_INVALID_OPCODE = 0x01;
export const SC_ABORTED_MISSING_FUSED = 0x0a;
export const SC_COMMAND_SEQUENCE_ERROR = 0x0c;
export const SC_COMMAND_TRANSIENT_TRANSPORT_ERROR = 0x22;

/** Field offsets used as FEI (offsetof in nvmf_spec.h / nvme_spec.h). */
export const FEI_PDU_TYPE = 0;
export const FEI_HLEN = 2;
export const FEI_PDO = 3;
export const FEI_PLEN = 4;
export const FEI_IC_PFV = 8;
export const FEI_IC_HPDA = 10;
export const FEI_H2C_CCCID = 8;
export const FEI_H2C_TTAG = 10;
export const FEI_TERM_FES = 8;
/** offsetof(struct spdk_nvme_tcp_cmd, ccsqe.dptr.sgl1.address) and .generic. */
export const FEI_SGL_ADDRESS = 32;
export const FEI_SGL_GENERIC = 40;
/** The psh_handle default case reports offset 1 (the flags byte). */
export const FEI_PSH_UNEXPECTED_TYPE = 1;
