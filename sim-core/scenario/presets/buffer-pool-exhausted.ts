import type { Preset } from './types';

/**
 * 32 concurrent 128 KiB writes each need one 131072-byte io unit; only 8 exist, so 24 requests wait in
 * NEED_BUFFER until completed ones return theirs. SPDK v24.09 accepts this: with an explicit
 * buf_cache_size it only requires num_shared_buffers >= cores x buf_cache_size; bufCacheSize 0 keeps
 * every buffer in the shared pool. (In v24.09 the buffers really come from the iobuf large pool, whose
 * own minimum is 8, IOBUF_MIN_LARGE_POOL_SIZE; the model treats num_shared_buffers as that pool.)
 */
export const bufferPoolExhausted: Preset = {
  id: 'buffer-pool-exhausted',
  title: 'Shared buffer pool exhausted',
  description:
    'Only 8 shared data buffers for 32 concurrent 128 KiB writes: 8 requests get a buffer and an R2T, the others wait in ' +
    'NEED_BUFFER. Watch the waiting requests move on one by one as completed writes return their buffers.',
  overrides: {
    spdk: { numSharedBuffers: 8, bufCacheSize: 0 },
    workload: { writes: 32, ioSizeBytes: 131_072, queueDepth: 32 },
  },
};
