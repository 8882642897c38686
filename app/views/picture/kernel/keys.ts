/**
 * Keyboard moves inside the band's widgets (pure): the ring is one slider over its slots,
 * a queue lane walks its skbs. The page's own shortcuts use the same keys (arrows step the
 * player), so a widget that handles a key stops it there.
 */

/** New selected slot for a key on the focused ring, or null when the key is not the ring's. */
export function slotForKey(key: string, current: number | null, count: number, ntc: number): number | null {
  const at = current ?? ntc;
  const wrap = (i: number) => ((i % count) + count) % count;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return current === null ? ntc : wrap(at + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return current === null ? ntc : wrap(at - 1);
    case 'PageDown':
      return wrap(at + 16);
    case 'PageUp':
      return wrap(at - 16);
    case 'Enter':
    case ' ':
      return ntc;
    default:
      return null;
  }
}

/**
 * Index of the skb to select in a lane of `n` skbs for a key, given the index selected now
 * (-1: none in this lane). null: the key is not the lane's.
 */
export function skbForKey(key: string, current: number, n: number): number | null {
  if (n === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(n - 1, current + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return current < 0 ? n - 1 : Math.max(0, current - 1);
    default:
      return null;
  }
}
