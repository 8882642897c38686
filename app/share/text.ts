/** Short, safe text for messages: what a link said is shown only as a brief, sanitised excerpt. */

const EXCERPT_CHARS = 24;

/**
 * A quoted excerpt of untrusted text: control and bidirectional-override characters replaced,
 * angle brackets replaced (the page renders text, but a message must never carry markup), cut to
 * a few characters.
 */
export function excerpt(text: string): string {
  const cut = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  return `"${clean(cut)}"`;
}

/** Characters a message never carries: C0/C1 controls and bidirectional marks and overrides. */
function unsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Replaces characters a message should never carry (controls, bidi overrides, markup brackets). */
export function clean(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += unsafe(code) ? '?' : ch === '<' ? '‹' : ch === '>' ? '›' : ch;
  }
  return out;
}

const MAX_MESSAGE_CHARS = 400;

/** A whole message made safe and short. */
export function message(text: string): string {
  const c = clean(text);
  return c.length > MAX_MESSAGE_CHARS ? `${c.slice(0, MAX_MESSAGE_CHARS - 1)}…` : c;
}
