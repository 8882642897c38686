/**
 * Attribute writes that skip unchanged values: the band is redrawn every frame while playing,
 * and most attributes do not change from one step to the next, so writing only differences
 * keeps style recalculation (and the frame) short.
 */
import { type BaseType, type Selection, select } from 'd3';

interface Cached {
  __k?: Map<string, string>;
}

export function setAttr(el: Element, name: string, value: string | number | null): void {
  const c = el as Element & Cached;
  let m = c.__k;
  if (m === undefined) {
    m = new Map();
    c.__k = m;
  }
  const v = value === null ? '\u0000' : String(value);
  if (m.get(name) === v) return;
  m.set(name, v);
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, v);
}

export function setText(el: Element, value: string): void {
  if (el.textContent !== value) el.textContent = value;
}

/** Several attributes at once. */
export function setAttrs(el: Element, attrs: Record<string, string | number | null>): void {
  for (const k in attrs) setAttr(el, k, attrs[k] ?? null);
}

const children = new WeakMap<Element, Map<string, Element>>();

/**
 * The child of `parent` made once with the tag and classes given (a part's static structure;
 * the class string names it, so two children need two different class strings).
 */
export function child<K extends keyof SVGElementTagNameMap>(
  parent: Element,
  tag: K,
  cls: string,
): SVGElementTagNameMap[K] {
  let m = children.get(parent);
  if (m === undefined) {
    m = new Map();
    children.set(parent, m);
  }
  const key = `${tag} ${cls}`;
  const found = m.get(key);
  if (found !== undefined && found.parentNode === parent) return found as SVGElementTagNameMap[K];
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  el.setAttribute('class', cls);
  parent.appendChild(el);
  m.set(key, el);
  return el;
}

/** A d3 selection of one element (d3 joins hang from it). */
export function sel<E extends BaseType>(el: E): Selection<E, unknown, null, undefined> {
  return select(el);
}

/** Rough width of a text in px: the band places labels without measuring (no layout reads per frame). */
export function textWidth(s: string, fontPx: number, mono = false): number {
  return s.length * fontPx * (mono ? 0.61 : 0.56);
}
