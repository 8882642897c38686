/** igb RX ring, DMA, interrupt and ring cleaning: re-exports only. */
export * from './codes';
export * from './state';
export * from './rx-skb';
export * from './dma';
export * from './clean';
