/** A stage's facts as a definition list, and small helpers the stage sections share. */
import type { ReactNode } from 'react';
import { formatCount } from '../../format';
import type { SkbView } from '../../sim-types';

export type Fact = [label: ReactNode, value: ReactNode];

export function Facts({ items }: { items: Fact[] }) {
  return (
    <dl className="facts">
      {items.map(([k, v], i) => (
        // The list is fixed per section: position is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed order
        <div key={i}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Stage({
  title,
  upstream,
  wide = false,
  children,
}: {
  title: string;
  upstream?: string;
  /** Spans two columns (tables). */
  wide?: boolean;
  children: ReactNode;
}) {
  const id = `stage-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className={wide ? 'stage-card wide' : 'stage-card'} aria-labelledby={id}>
      <h3 id={id}>
        {title}
        {upstream !== undefined && <span className="upstream"> {upstream}</span>}
      </h3>
      {children}
    </section>
  );
}

export const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** Difference of two u32 sequence numbers (b - a, wrapping). */
export function seqDiff(a: number, b: number): number {
  return (b - a) >>> 0;
}

/** An skb as a seq range: "1000–2448 (1,448 B)". */
export function skbRange(s: SkbView): string {
  const segs = s.segs > 1 ? `, ${s.segs} segs` : '';
  const read = s.consumed > 0 ? `, ${formatCount(s.consumed)} read` : '';
  return `${s.seq}–${s.end} (${formatCount(s.len)} B${segs}${read})`;
}

/** A long upstream name that may break after its underscores (the text stays the same). */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split('_');
  return (
    <code className="name">
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
        <span key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </span>
      ))}
    </code>
  );
}

/** The first few skbs of a queue as seq ranges, and how many more. */
export function SkbList({ skbs, more = 0 }: { skbs: SkbView[]; more?: number }) {
  const SHOWN = 4;
  if (skbs.length === 0) return <span className="none">empty</span>;
  const rest = skbs.length - SHOWN + more;
  return (
    <ul className="skbs">
      {skbs.slice(0, SHOWN).map((s) => (
        <li key={s.id}>
          <code>{skbRange(s)}</code>
        </li>
      ))}
      {rest > 0 && <li className="more">… {formatCount(rest)} more</li>}
    </ul>
  );
}
