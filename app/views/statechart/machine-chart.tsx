/**
 * One machine: its title, the chart, what it is doing (the active state's description or the
 * transition just taken), the transitions drawn as notes, and a list of its states for screen
 * readers (the current one marked) with where each can go.
 */
import { memo, type ReactNode } from 'react';
import type { Taken } from './active';
import { ChartSvg } from './chart-svg';
import type { ChartLayout } from './layout';

interface Props {
  layout: ChartLayout;
  /** e.g. "PDU receive" */
  title: string;
  /** e.g. "tqpair->recv_state"; the enum is the machine's id. */
  field: string;
  active: string | null;
  taken: Taken | null;
  /** Controls under the title (the tcp_req picker). */
  children?: ReactNode;
}

function shortOf(layout: ChartLayout, key: string | null): string {
  if (key === null) return 'none';
  return layout.nodes.find((n) => n.key === key)?.short ?? key;
}

/** "TERM_REQ_SENT or PDU_WRITE_FAILED → QUIESCING, from every state" */
function groupText(layout: ChartLayout, g: ChartLayout['groups'][number]): string {
  const from =
    g.except.length === 0
      ? 'every state'
      : `every state but ${g.except.map((k) => shortOf(layout, k)).join(', ')}`;
  return `${g.events.join(' or ')} → ${shortOf(layout, g.to)}, from ${from}`;
}

/** A state or event name that may wrap after its underscores. */
function Name({ text }: { text: string }) {
  const parts = text.split('_');
  return (
    <>
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
        <span key={i}>
          {p}
          {i < parts.length - 1 ? (
            <>
              _<wbr />
            </>
          ) : null}
        </span>
      ))}
    </>
  );
}

function StateList({ layout, active }: { layout: ChartLayout; active: string | null }) {
  return (
    <ul className="visually-hidden" aria-label={`States of ${layout.id}`}>
      {layout.nodes.map((n) => {
        const next = layout.edges
          .filter((e) => e.from === n.key)
          .map((e) => `${e.events.join(' or ')} to ${shortOf(layout, e.to)}`);
        return (
          <li key={n.key} aria-current={n.key === active ? 'true' : undefined} data-state={n.key}>
            {n.short}
            {n.key === active ? ' (current)' : ''}: {n.key}. {n.description}
            {next.length > 0 ? ` Leads on ${next.join('; ')}.` : ''}
          </li>
        );
      })}
    </ul>
  );
}

const MemoList = memo(StateList);

export function MachineChart({ layout, title, field, active, taken, children }: Props) {
  const activeShort = shortOf(layout, active);
  const activeNode = layout.nodes.find((n) => n.key === active);
  const headingId = `sc-title-${layout.id}`;
  return (
    <section className="machine-chart" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <code className="field">{field}</code>
      </h3>
      {children}
      <ChartSvg
        layout={layout}
        label={`${title} state machine (enum ${layout.id}), in ${activeShort}`}
        active={active}
        taken={taken}
      />
      <p className="chart-now">
        {taken !== null ? (
          <>
            <span className="chart-tag">Took</span>{' '}
            <b>
              <Name text={shortOf(layout, taken.from)} />
            </b>{' '}
            →{' '}
            <b>
              <Name text={shortOf(layout, taken.to)} />
            </b>
            {taken.events.length > 0 ? (
              <>
                {' '}
                on <Name text={taken.events.join(' or ')} />
              </>
            ) : null}
          </>
        ) : (
          <>
            <b>
              <Name text={activeShort} />
            </b>
            {activeNode?.description ? <>: {activeNode.description}</> : null}
          </>
        )}
      </p>
      {layout.groups.length > 0 ? (
        <p className="chart-groups">
          Not drawn as arrows:{' '}
          {layout.groups.map((g, i) => (
            <span key={g.id} className={taken?.groupIds.includes(g.id) ? 'group lit' : 'group'}>
              {i > 0 ? '; ' : ''}
              {groupText(layout, g)}
            </span>
          ))}
          .
        </p>
      ) : null}
      <MemoList layout={layout} active={active} />
    </section>
  );
}
