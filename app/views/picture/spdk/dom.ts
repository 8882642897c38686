/**
 * Small DOM helpers for the band's d3 drawing: attribute writes that skip unchanged values (the
 * band is redrawn every step while playing, and most attributes stay the same), static children
 * made once, and the keyboard and pointer wiring of a selectable object.
 */
import { setText } from '../shared/attrs';

export { setAttr, setAttrs, setText } from '../shared/attrs';
import type { Selection as StoreSelection } from '../../../store/store';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A new SVG element with a class, appended to `parent`. */
export function make<K extends keyof SVGElementTagNameMap>(
  parent: Element,
  tag: K,
  cls: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  el.setAttribute('class', cls);
  parent.appendChild(el);
  return el;
}

/** A <title> (the pointer's tooltip) kept as the element's first child. */
export function setTitle(el: Element, text: string): void {
  let t = el.firstElementChild;
  if (t === null || t.tagName !== 'title') {
    t = document.createElementNS(SVG_NS, 'title');
    el.insertBefore(t, el.firstChild);
  }
  setText(t, text);
}

/**
 * Makes `el` a selectable object: a focusable button (role, tabindex, name) that selects on
 * click, Enter or Space. The key is kept from the page's shortcuts (Space would play).
 */
export function selectable(
  el: Element,
  pick: () => StoreSelection,
  select: (s: StoreSelection) => void,
): void {
  el.setAttribute('role', 'button');
  el.setAttribute('tabindex', '0');
  el.addEventListener('click', () => select(pick()));
  el.addEventListener('keydown', (e) => {
    const k = (e as KeyboardEvent).key;
    if (k !== 'Enter' && k !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    select(pick());
  });
}

/** Text cut to about `chars` characters with an ellipsis (labels are placed without measuring). */
export function clip(s: string, chars: number): string {
  if (chars <= 1) return '';
  return s.length <= chars ? s : `${s.slice(0, Math.max(1, chars - 1))}…`;
}

/** Characters of text at `fontPx` that fit in `px` (a rough average glyph width). */
export function fits(px: number, fontPx: number, mono = false): number {
  return Math.floor(px / (fontPx * (mono ? 0.62 : 0.58)));
}
