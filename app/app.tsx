/**
 * The page: header with the scenario picker and Share, the player (controls, position,
 * caption, timeline), then the picture beside the state machines and the source panel, and
 * under them the panels as tabs (inspector, event log, breakpoints, scenario editor, numbers).
 * Every panel has its own error boundary: one failing panel never blanks the page.
 */
import { Caption } from './views/caption/caption';
import { Controls } from './views/controls/controls';
import { PanelBoundary } from './views/errors/panel-boundary';
import { PlayerMessages } from './views/errors/player-messages';
import { Picture } from './views/picture/picture';
import { ScenarioPicker } from './views/scenario/scenario-picker';
import { ShareButton } from './views/share/share-button';
import { SourcePanel } from './views/source/source-panel';
import { Statecharts } from './views/statechart/statecharts';
import { Status } from './views/status/status';
import { LowerPanel } from './views/tabs/lower-panel';
import { Timeline } from './views/timeline/timeline';

export function App() {
  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <h1>rxpath</h1>
          <p className="tagline">
            From the wire to NVMe/TCP request buffers: igb → NAPI → GRO → TCP → SPDK (Linux 6.5, SPDK v24.09)
          </p>
        </div>
        <PanelBoundary name="scenario picker">
          <ScenarioPicker />
        </PanelBoundary>
        <PanelBoundary name="share">
          <ShareButton />
        </PanelBoundary>
      </header>
      <PanelBoundary name="messages">
        <PlayerMessages />
      </PanelBoundary>
      <section className="player" aria-label="Player">
        <PanelBoundary name="controls">
          <Controls />
        </PanelBoundary>
        <PanelBoundary name="position">
          <Status />
        </PanelBoundary>
      </section>
      <PanelBoundary name="caption">
        <Caption />
      </PanelBoundary>
      <PanelBoundary name="timeline">
        <Timeline />
      </PanelBoundary>
      <main className="stage">
        <PanelBoundary name="picture">
          <Picture />
        </PanelBoundary>
        <aside className="side" aria-label="Machines and source">
          <PanelBoundary name="state machines">
            <Statecharts />
          </PanelBoundary>
          <PanelBoundary name="source">
            <SourcePanel />
          </PanelBoundary>
        </aside>
      </main>
      <PanelBoundary name="panels">
        <LowerPanel />
      </PanelBoundary>
    </div>
  );
}
