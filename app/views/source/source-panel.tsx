/** The current function, its upstream file at the pinned version, our caption and the call stack. (Being built.) */
export function SourcePanel() {
  return (
    <section className="source-panel" aria-label="Source">
      <h2>Source</h2>
    </section>
  );
}
