/**
 * Trace codes of the NVMe/TCP target (range 600-799). obj is the PDU id for rows about a
 * received PDU, the tcp_req index for rows about a request, the buffer index for pool rows,
 * and 0 (the one qpair) otherwise. No event kinds: everything here runs inside reactor ops.
 */
import { type CodeInfo, defineCodes } from '../../trace/codes';

export const NVMF_QPAIR_OBJ = 0;

export const C_SOCK_PROCESS = 600;
export const C_READ_DATA = 601;
export const C_READV_DATA = 602;
export const C_CH_HANDLE = 603;
export const C_CALC_PSH_LEN = 604;
export const C_PSH_HANDLE = 605;
export const C_HDGST_OK = 606;
export const C_HDGST_BAD = 607;
export const C_ICREQ_HANDLE = 608;
export const C_ICRESP_SENT = 609;
export const C_CAPSULE_HDR = 610;
export const C_REQ_GET = 611;
export const C_PARSE_SGL = 612;
export const C_H2C_HDR = 613;
export const C_SET_DATA_BUF = 614;
export const C_BUILD_PAYLOAD_IOVS = 615;
export const C_PAYLOAD_HANDLE = 616;
export const C_DDGST_OK = 617;
export const C_DDGST_BAD = 618;
export const C_SEND_R2T = 619;
export const C_R2T_COMPLETE = 620;
export const C_SEND_CAPSULE_RESP = 621;
export const C_SEND_TERM_REQ = 622;
export const C_IOBUF_GET = 623;
export const C_IOBUF_PUT = 624;
export const C_GET_BUFFERS = 625;
export const C_GET_BUFFERS_DONE = 626;
export const C_CTRL_MSG_GET = 627;
export const C_CTRL_MSG_PUT = 628;
export const C_DIF_GENERATE = 629;
export const C_H2C_PAYLOAD = 630;
export const C_CAPSULE_PAYLOAD = 631;
export const C_REQ_EXEC = 632;
export const C_REQ_COMPLETE = 633;
export const C_CONNECT = 634;
export const C_REQ_PUT = 635;
export const C_INTEGRITY_OK = 636;
export const C_INTEGRITY_BAD = 637;
export const C_H2C_TERM_REQ = 638;
export const C_DISCONNECT = 639;
export const C_CLOSE_QPAIR = 640;
export const C_WRITE_DONE = 641;
export const C_ACCEL_SUBMIT = 642;
export const C_ACCEL_DONE = 643;
export const C_SEND_C2H_DATA = 644;
export const C_MD_INTERLEAVE = 645;
export const C_SOCK_PROCESS_END = 646;
export const C_OVERRUN = 647;
export const C_BUFFER_PUT_FREE = 648;

const TCP = 'lib/nvmf/tcp.c';
const TCP_H = 'include/spdk_internal/nvme_tcp.h';
const IOBUF = 'lib/thread/iobuf.c';
const TRANSPORT = 'lib/nvmf/transport.c';

function c(
  code: number,
  fn: string,
  file: string,
  args: CodeInfo['args'],
  caption: string,
  marker?: CodeInfo['marker'],
): CodeInfo {
  const info: CodeInfo = { code, fn, file, repo: 'spdk', layer: 'nvmf', args, caption };
  if (marker !== undefined) info.marker = marker;
  return info;
}

defineCodes(
  [600, 799],
  [
    c(
      C_SOCK_PROCESS,
      'nvmf_tcp_sock_process',
      TCP,
      { a: 'receive state on entry', b: 'PDU id (0: none)' },
      'One turn of the receive loop: the handler of the current receive state runs.',
    ),
    c(
      C_SOCK_PROCESS_END,
      'nvmf_tcp_sock_process',
      TCP,
      { a: 'return code (0 in progress, <0 fatal, >0 bytes)', b: 'receive state' },
      'The receive loop stops: no more bytes now, waiting for something, or the connection is dead.',
    ),
    c(
      C_READ_DATA,
      'nvme_tcp_read_data',
      TCP_H,
      { obj: 'PDU id', a: 'bytes asked', b: 'bytes got (0: none yet, -1: connection closed)' },
      'One read from the socket into one place (a header, or a single data buffer).',
    ),
    c(
      C_READV_DATA,
      'nvme_tcp_readv_data',
      TCP_H,
      { obj: 'PDU id', a: 'bytes asked', b: 'bytes got (0: none yet, -1: connection closed)' },
      'One read from the socket scattered over several places: data buffers and the data digest.',
    ),
    c(
      C_CH_HANDLE,
      'nvmf_tcp_pdu_ch_handle',
      TCP,
      { obj: 'PDU id', a: 'pdu_type', b: 'plen' },
      'The 8-byte common header is complete: check type, header length, PDO and PDU length against what may come now.',
    ),
    c(
      C_CALC_PSH_LEN,
      'nvme_tcp_pdu_calc_psh_len',
      TCP_H,
      { obj: 'PDU id', a: 'psh_len (bytes still to read as header)', b: 'has header digest' },
      'How much header is left to read: the specific header, the header digest, and padding up to the data offset.',
    ),
    c(
      C_PSH_HANDLE,
      'nvmf_tcp_pdu_psh_handle',
      TCP,
      { obj: 'PDU id', a: 'pdu_type', b: 'hlen' },
      'The whole header is in: check its digest and hand it to the handler of its type.',
    ),
    c(
      C_HDGST_OK,
      'nvme_tcp_pdu_calc_header_digest',
      TCP_H,
      { obj: 'PDU id', a: 'digest received', b: 'digest computed' },
      'The header digest (CRC32C) matches.',
    ),
    c(
      C_HDGST_BAD,
      'nvme_tcp_pdu_calc_header_digest',
      TCP_H,
      { obj: 'PDU id', a: 'digest received', b: 'digest computed' },
      'The header digest does not match: the header cannot be trusted and the connection will end.',
      'error',
    ),
    c(
      C_ICREQ_HANDLE,
      'nvmf_tcp_icreq_handle',
      TCP,
      { obj: 'PDU id', a: 'HPDA (becomes CPDA)', b: 'digests asked (bit 0 header, bit 1 data)' },
      'The host opens the connection: the target takes its digest choices and alignment and sizes the socket receive buffer.',
    ),
    c(
      C_ICRESP_SENT,
      'nvmf_tcp_send_icresp_complete',
      TCP,
      { a: 'maxh2cdata', b: 'digests enabled' },
      'The ICResp is on the wire: the connection is running and commands may come.',
    ),
    c(
      C_CAPSULE_HDR,
      'nvmf_tcp_capsule_cmd_hdr_handle',
      TCP,
      { obj: 'PDU id', a: 'tcp_req index (-1: none free)', b: 'requests in use' },
      'A command capsule needs a free request slot to hold it.',
    ),
    c(
      C_REQ_GET,
      'nvmf_tcp_req_get',
      TCP,
      { obj: 'tcp_req index', a: 'command id', b: 'opcode' },
      'A free request slot takes the command.',
    ),
    c(
      C_PARSE_SGL,
      'nvmf_tcp_req_parse_sgl',
      TCP,
      { obj: 'tcp_req index', a: 'data length', b: 'SGL identifier (type << 4 | subtype)' },
      'The command says where its data is: in the capsule, or to be sent later (then buffers are taken from the pool).',
    ),
    c(
      C_H2C_HDR,
      'nvmf_tcp_h2c_data_hdr_handle',
      TCP,
      { obj: 'PDU id', a: 'datao', b: 'datal' },
      'A data PDU for a write: check its transfer tag, command id and offset against the request.',
    ),
    c(
      C_SET_DATA_BUF,
      'nvme_tcp_pdu_set_data_buf',
      TCP_H,
      { obj: 'PDU id', a: 'data iovec count', b: 'data length' },
      'Map the PDU data onto the request buffers: where each byte of this PDU must land.',
    ),
    c(
      C_BUILD_PAYLOAD_IOVS,
      'nvme_tcp_build_payload_iovs',
      TCP_H,
      { obj: 'PDU id', a: 'iovec count', b: 'bytes mapped' },
      'Build the read list for the rest of the payload: skip what is already in, add the 4-byte data digest.',
    ),
    c(
      C_MD_INTERLEAVE,
      'spdk_dif_set_md_interleave_iovs',
      'lib/util/dif.c',
      { obj: 'PDU id', a: 'iovec count (<0: error)', b: 'bytes mapped' },
      "With DIF insert, the data is read around each block's 8 bytes of metadata.",
    ),
    c(
      C_PAYLOAD_HANDLE,
      'nvmf_tcp_pdu_payload_handle',
      TCP,
      { obj: 'PDU id', a: 'pdu_type', b: 'data length' },
      'The whole payload is in: check the data digest if any, then let the request move on.',
    ),
    c(
      C_DDGST_OK,
      'nvme_tcp_pdu_calc_data_digest',
      TCP_H,
      { obj: 'PDU id', a: 'digest received', b: 'digest computed' },
      'The data digest (CRC32C) matches.',
    ),
    c(
      C_DDGST_BAD,
      'nvme_tcp_pdu_calc_data_digest',
      TCP_H,
      { obj: 'PDU id', a: 'digest received', b: 'digest computed' },
      'The data digest does not match: the command will fail with a transient transport error; the connection stays.',
      'error',
    ),
    c(
      C_ACCEL_SUBMIT,
      'spdk_accel_submit_crc32cv',
      'lib/accel/accel.c',
      { obj: 'PDU id', a: 'bytes', b: 'tcp_req index' },
      'The data digest is computed by the acceleration framework; its answer comes back on a later poll.',
    ),
    c(
      C_ACCEL_DONE,
      'data_crc32_calc_done',
      TCP,
      { obj: 'PDU id', a: 'digest matches (1/0)', b: 'tcp_req index' },
      'The acceleration framework finished the data digest.',
    ),
    c(
      C_SEND_R2T,
      'nvmf_tcp_send_r2t_pdu',
      TCP,
      { obj: 'tcp_req index', a: 'r2to', b: 'r2tl' },
      'Ask the host for the write data: one R2T for the whole length.',
    ),
    c(
      C_R2T_COMPLETE,
      'nvmf_tcp_r2t_complete',
      TCP,
      { obj: 'tcp_req index', a: 'bytes already in', b: 'length' },
      'The R2T has been written to the socket.',
    ),
    c(
      C_WRITE_DONE,
      '_req_pdu_write_done',
      TCP,
      { obj: 'tcp_req index', a: 'pdu_type', b: 'error (0: written)' },
      'A PDU queued for this request left through the socket (flushed by the group poll).',
    ),
    c(
      C_SEND_CAPSULE_RESP,
      'nvmf_tcp_send_capsule_resp_pdu',
      TCP,
      { obj: 'tcp_req index', a: 'command id', b: 'status (SCT << 8 | SC)' },
      'Send the completion back to the host.',
    ),
    c(
      C_SEND_C2H_DATA,
      '_nvmf_tcp_send_c2h_data',
      TCP,
      { obj: 'tcp_req index', a: 'datao', b: 'datal' },
      'Send read data to the host.',
    ),
    c(
      C_SEND_TERM_REQ,
      'nvmf_tcp_send_c2h_term_req',
      TCP,
      { a: 'FES', b: 'FEI' },
      'Fatal error: tell the host why (C2HTermReq with the bad header) and stop reading from this connection.',
      'termreq',
    ),
    c(
      C_H2C_TERM_REQ,
      'nvmf_tcp_h2c_term_req_hdr_handle',
      TCP,
      { obj: 'PDU id', a: 'FES', b: 'plen' },
      'The host reports a fatal error and ends the connection.',
      'error',
    ),
    c(
      C_IOBUF_GET,
      'spdk_iobuf_get',
      IOBUF,
      { obj: 'tcp_req index', a: 'buffer index (-1: none, queued)', b: 'from: 0 cache, 1 central pool' },
      "Take one data buffer from the poll group's cache, or a batch from the central pool.",
    ),
    c(
      C_IOBUF_PUT,
      'spdk_iobuf_put',
      IOBUF,
      {
        obj: 'buffer index',
        a: 'tcp_req index that held it',
        b: 'tcp_req index it goes to (-1: back to the pool)',
      },
      'A data buffer is given back; a request waiting for one gets it at once.',
    ),
    c(
      C_GET_BUFFERS,
      'spdk_nvmf_request_get_buffers',
      TRANSPORT,
      { obj: 'tcp_req index', a: 'buffers needed', b: 'result (0 ok, -12 waiting, -22 too many)' },
      'A write gets its data buffers in io_unit_size pieces.',
    ),
    c(
      C_GET_BUFFERS_DONE,
      'nvmf_tcp_req_get_buffers_done',
      TCP,
      { obj: 'tcp_req index', a: 'buffers', b: 'length' },
      'A request that waited for buffers now has all of them.',
    ),
    c(
      C_CTRL_MSG_GET,
      'nvmf_tcp_control_msg_get',
      TCP,
      { obj: 'tcp_req index', a: 'message buffer (-1: none, waiting)' },
      'Large in-capsule data of an admin or fabrics command goes to a control-message buffer.',
    ),
    c(
      C_CTRL_MSG_PUT,
      'nvmf_tcp_control_msg_put',
      TCP,
      { obj: 'message buffer', a: 'tcp_req index that held it', b: 'tcp_req index now served (-1: none)' },
      'A control-message buffer is given back.',
    ),
    c(
      C_DIF_GENERATE,
      'spdk_dif_generate_stream',
      'lib/util/dif.c',
      { obj: 'PDU id', a: 'data length', b: 'result (0 ok)' },
      "DIF insert: compute each block's guard (CRC16) and reference tag and write them after its 512 data bytes.",
    ),
    c(
      C_H2C_PAYLOAD,
      'nvmf_tcp_h2c_data_payload_handle',
      TCP,
      { obj: 'tcp_req index', a: 'bytes in so far', b: 'length' },
      'A data PDU is in: the write has that much more of its data.',
    ),
    c(
      C_CAPSULE_PAYLOAD,
      'nvmf_tcp_capsule_cmd_payload_handle',
      TCP,
      { obj: 'tcp_req index', a: 'pdo', b: 'status SC' },
      'The in-capsule data is in: the command can run.',
    ),
    c(
      C_REQ_EXEC,
      'spdk_nvmf_request_exec',
      'lib/nvmf/ctrlr.c',
      { obj: 'tcp_req index', a: 'opcode', b: 'command id' },
      'Hand the command to the controller layer (a stub here: I/O goes to the backend).',
    ),
    c(
      C_CONNECT,
      'nvmf_ctrlr_cmd_connect',
      'lib/nvmf/ctrlr.c',
      { obj: 'tcp_req index', a: 'qid', b: 'SQ size' },
      'Fabrics Connect: the queue joins the controller (stub: accepted at once).',
    ),
    c(
      C_REQ_COMPLETE,
      'nvmf_tcp_req_complete',
      TCP,
      { obj: 'tcp_req index', a: 'state', b: 'status (SCT << 8 | SC)' },
      'The controller layer (or the backend) finished the command.',
    ),
    c(
      C_REQ_PUT,
      'nvmf_tcp_req_put',
      TCP,
      { obj: 'tcp_req index', a: 'requests still in use' },
      'The request slot is free again.',
    ),
    {
      code: C_INTEGRITY_OK,
      fn: 'integrity check',
      file: '',
      repo: 'rxpath',
      layer: 'nvmf',
      args: { obj: 'tcp_req index', a: 'bytes checked', b: 'command id' },
      caption: "Every byte of the write is where it must be (checked against the host's pattern).",
    },
    {
      code: C_INTEGRITY_BAD,
      fn: 'integrity check',
      file: '',
      repo: 'rxpath',
      layer: 'nvmf',
      args: { obj: 'tcp_req index', a: 'offset of the first wrong byte', b: 'command id' },
      caption: 'The write completed with wrong data in its buffers.',
      marker: 'error',
    },
    {
      code: C_OVERRUN,
      fn: 'nvme_tcp_pdu_set_data_buf',
      file: TCP_H,
      repo: 'spdk',
      layer: 'nvmf',
      args: { obj: 'PDU id', a: 'bytes past the buffers', b: 'tcp_req index' },
      caption:
        "The data is mapped past the end of the request's buffers (the offset check wrapped around): the real target would overwrite other memory.",
      marker: 'error',
    },
    c(C_DISCONNECT, 'nvmf_tcp_qpair_disconnect', TCP, { a: 'qpair state' }, 'The connection is dropped.'),
    c(
      C_CLOSE_QPAIR,
      'nvmf_tcp_close_qpair',
      TCP,
      { a: 'requests still in use' },
      'The qpair is destroyed: requests still waiting are freed.',
    ),
    c(
      C_BUFFER_PUT_FREE,
      'spdk_nvmf_request_free_buffers',
      TRANSPORT,
      { obj: 'tcp_req index', a: 'buffers' },
      'The request gives its data buffers back to the pool.',
    ),
  ],
);
