/**
 * The width a band may draw in (its figure's content box) and the root font size its type
 * follows, kept up to date with a ResizeObserver. Shared by both bands of the picture.
 */
import { type RefObject, useLayoutEffect, useState } from 'react';

export interface BandSize {
  /** Content-box width in px (0 before the first measure). */
  width: number;
  /** Root font size in px. */
  em: number;
}

/** Root font size in px (the band's type follows the page's, which follows the window's width). */
function rootEm(): number {
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

export function useBandSize(figRef: RefObject<HTMLElement | null>): BandSize {
  const [size, setSize] = useState<BandSize>({ width: 0, em: 16 });
  useLayoutEffect(() => {
    const fig = figRef.current;
    if (fig === null) return;
    const measure = () => {
      // The content box: the figure's padding is not the band's to draw in.
      const cs = getComputedStyle(fig);
      const pad = Number.parseFloat(cs.paddingLeft) + Number.parseFloat(cs.paddingRight);
      const width = Math.floor(fig.clientWidth - (Number.isFinite(pad) ? pad : 0));
      const em = rootEm();
      setSize((s) => (s.width === width && s.em === em ? s : { width, em }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(fig);
    return () => ro.disconnect();
  }, [figRef]);
  return size;
}
