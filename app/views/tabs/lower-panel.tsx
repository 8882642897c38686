/**
 * The panels under the picture, as tabs (WAI-ARIA tabs pattern: arrow keys move between tabs,
 * the tab panel follows): inspector, event log, breakpoints, scenario editor, and the step as
 * numbers (a text alternative to the picture). The tab shown is in the store (a share link
 * carries it as the "view").
 */
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { useApp } from '../../runtime-context';
import { TABS, type Tab } from '../../store/store';
import { BreakpointsPanel } from '../breakpoints/breakpoints-panel';
import { ScenarioEditor } from '../editor/scenario-editor';
import { PanelBoundary } from '../errors/panel-boundary';
import { EventLog } from '../eventlog/event-log';
import { Inspector } from '../inspector/inspector';
import { SummaryPanel } from '../summary/summary-panel';

const LABEL: Record<Tab, string> = {
  inspector: 'Inspector',
  log: 'Event log',
  breakpoints: 'Breakpoints',
  editor: 'Scenario editor',
  numbers: 'Numbers',
};

function body(tab: Tab): ReactNode {
  switch (tab) {
    case 'inspector':
      return <Inspector />;
    case 'log':
      return <EventLog />;
    case 'breakpoints':
      return <BreakpointsPanel />;
    case 'editor':
      return <ScenarioEditor />;
    case 'numbers':
      return <SummaryPanel />;
  }
}

export function LowerPanel() {
  const tab = useApp((s) => s.tab);
  const setTab = useApp((s) => s.setTab);
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i + TABS.length - 1) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    // The page's shortcuts (arrows step, Home resets) must not fire from the tab list.
    e.preventDefault();
    e.stopPropagation();
    const t = TABS[next]!;
    setTab(t);
    refs.current.get(t)?.focus();
  };
  return (
    <section className="lower" aria-label="Panels">
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={t === tab}
            aria-controls={`tabpanel-${t}`}
            tabIndex={t === tab ? 0 : -1}
            ref={(el) => {
              if (el === null) refs.current.delete(t);
              else refs.current.set(t, el);
            }}
            onClick={() => setTab(t)}
          >
            {LABEL[t]}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <PanelBoundary name={LABEL[tab]}>{body(tab)}</PanelBoundary>
      </div>
    </section>
  );
}
