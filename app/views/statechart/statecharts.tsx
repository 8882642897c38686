/** The PDU receive machine and the selected tcp_req's machine, drawn from their definitions. (Being built.) */
export function Statecharts() {
  return (
    <section className="statecharts" aria-label="State machines">
      <h2>State machines</h2>
    </section>
  );
}
