/** Event kinds of the host side (host range 100-199; kept apart from the trace codes). */
export const EV_HOST_START = 190;
export const EV_FRAME_AT_TARGET = 191;
export const EV_FRAME_AT_HOST = 192;
export const EV_RTO = 193;
export const EV_PERSIST = 194;
export const EV_ISSUE = 195;
export const EV_RELEASE_HELD = 196;
