/** The player's icons as inline SVG (no icon font: system fonts lack some of these glyphs). */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const ResetIcon = () => (
  <Icon>
    <rect x="2" y="2" width="2.5" height="12" fill="currentColor" />
    <path d="M14 2 L5.5 8 L14 14 Z" fill="currentColor" />
  </Icon>
);

export const BackIcon = () => (
  <Icon>
    <path d="M13 2 L3 8 L13 14 Z" fill="currentColor" />
  </Icon>
);

export const ForwardIcon = () => (
  <Icon>
    <path d="M3 2 L13 8 L3 14 Z" fill="currentColor" />
  </Icon>
);

export const PlayIcon = ForwardIcon;

export const PauseIcon = () => (
  <Icon>
    <rect x="3" y="2" width="3.5" height="12" fill="currentColor" />
    <rect x="9.5" y="2" width="3.5" height="12" fill="currentColor" />
  </Icon>
);
