/** What every part of the kernel band gets to draw with. */
import type { Selection } from '../../../store/store';
import type { Box } from './layout';

/** Font sizes of the band's text classes, in em of the root font (app/styles/picture.css). */
export const FONT = { title: 0.85, label: 0.78, small: 0.72, big: 1.3 } as const;

export interface PartCtx {
  /** Root font size in px. */
  em: number;
  selection: Selection | null;
  select(s: Selection | null): void;
  /** Animate a number toward `target` on the scheduler's frames (or set it, when jumping). */
  move(key: string, target: number, apply: (v: number) => void): void;
  /** What the pointer is over (readouts show it before the selection). */
  hover: { slot: number | null; skb: number | null };
  /** The pointer moved onto or off an object: redraw with the same view. */
  hovered(): void;
}

export interface Part<V> {
  draw(view: V, box: Box, ctx: PartCtx): void;
}

export function isSelected(ctx: PartCtx, kind: Selection['kind'], id: number): boolean {
  return ctx.selection !== null && ctx.selection.kind === kind && ctx.selection.id === id;
}

/** A key press a widget handled: keep it from the page's shortcuts (arrows step the player). */
export function consume(e: KeyboardEvent): void {
  e.preventDefault();
  e.stopPropagation();
}
