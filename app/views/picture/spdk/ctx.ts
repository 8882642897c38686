/** What every part of the SPDK band gets to draw with. */
import type { Selection } from '../../../store/store';

export interface DrawCtx {
  /** Root font size in px. */
  em: number;
  selection: Selection | null;
  select(s: Selection): void;
  /** Animate a number toward `target` on the scheduler's frames (set at once when jumping). */
  move(key: string, target: number, apply: (v: number) => void): void;
}

export function isSelected(ctx: DrawCtx, kind: Selection['kind'], id: number): boolean {
  return ctx.selection !== null && ctx.selection.kind === kind && ctx.selection.id === id;
}

const COUNT = new Intl.NumberFormat('en-US');

/** 1234567 -> "1,234,567". */
export function n(x: number): string {
  return COUNT.format(x);
}
