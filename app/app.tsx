/**
 * The page: header with the scenario picker, the player (controls, position, caption,
 * timeline), then the pipeline (the picture's place; numbers for now) beside the breakpoints.
 * Every panel has its own error boundary: one failing panel never blanks the page.
 */
import { BreakpointsPanel as Breakpoints } from './views/breakpoints/breakpoints-panel';
import { Caption } from './views/caption/caption';
import { Controls } from './views/controls/controls';
import { PanelBoundary } from './views/errors/panel-boundary';
import { PlayerMessages } from './views/errors/player-messages';
import { Pipeline } from './views/pipeline/pipeline';
import { ScenarioPicker } from './views/scenario/scenario-picker';
import { Status } from './views/status/status';
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
        <PanelBoundary name="pipeline">
          <Pipeline />
        </PanelBoundary>
        <aside className="side">
          <PanelBoundary name="breakpoints panel">
            <Breakpoints />
          </PanelBoundary>
        </aside>
      </main>
    </div>
  );
}
