/**
 * Attribute writes for the picture's d3 drawing that skip unchanged values: the bands are
 * redrawn every frame while playing and most attributes stay the same from one step to the
 * next, so writing only differences keeps style recalculation (and the frame) short.
 *
 * A width or height below zero (a box squeezed by a narrow layout, or an interpolation caught
 * mid-way) is written as 0: SVG rejects negative sizes with a console error per write.
 */
interface Cached {
  __attrs?: Map<string, string>;
}

const SIZES = new Set(['width', 'height']);

export function setAttr(el: Element, name: string, value: string | number | null): void {
  const c = el as Element & Cached;
  let m = c.__attrs;
  if (m === undefined) {
    m = new Map();
    c.__attrs = m;
  }
  let v = value === null ? '\u0000' : String(value);
  if (value !== null && SIZES.has(name) && Number(value) < 0) v = '0';
  if (m.get(name) === v) return;
  m.set(name, v);
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, v);
}

/** Several attributes at once. */
export function setAttrs(el: Element, attrs: Record<string, string | number | null>): void {
  for (const k in attrs) setAttr(el, k, attrs[k] ?? null);
}

export function setText(el: Element, value: string): void {
  if (el.textContent !== value) el.textContent = value;
}
