/**
 * Attribute writes that skip unchanged values: the band is redrawn every frame while playing,
 * and most attributes do not change from one step to the next, so writing only differences
 * keeps style recalculation (and the frame) short.
 */
export { setAttr, setAttrs, setText } from '../shared/attrs';
import { type BaseType, type Selection, select } from 'd3';

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
