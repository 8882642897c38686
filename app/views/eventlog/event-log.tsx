/** The virtualised, filterable event log; click a row to jump to its step. (Being built.) */
export function EventLog() {
  return (
    <section className="event-log" aria-label="Event log">
      <p>Event log</p>
    </section>
  );
}
