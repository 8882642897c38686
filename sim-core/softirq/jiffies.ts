/**
 * jiffies: the kernel's tick count. The softirq limits (MAX_SOFTIRQ_TIME, netdev_budget_usecs)
 * and GRO ages are compared in jiffies, not nanoseconds, so a "2 ms" limit really means "until the
 * next tick boundary or two" depending on CONFIG_HZ. Simplification: jiffies start at 0 at time 0
 * (the kernel's INITIAL_JIFFIES offset changes nothing here).
 */

export function jiffiesAt(nowNs: number, hz: number): number {
  return Math.floor((nowNs * hz) / 1e9);
}

/** usecs_to_jiffies / msecs_to_jiffies round up, so any non-zero time is at least one jiffy. */
export function nsToJiffies(ns: number, hz: number): number {
  return Math.ceil((ns * hz) / 1e9);
}
