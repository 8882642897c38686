/** NAPI, the NET_RX softirq, GRO and IPv4 input: re-exports only. */
export * from './codes';
export * from './state';
export * from './napi';
export * from './gro';
export * from './deliver';
export * from './step';
export * from './balance';
export * from './jiffies';
