/** Every knob of the scenario, grouped by stage, with unit, range and default. (Being built.) */
export function ScenarioEditor() {
  return (
    <section className="scenario-editor" aria-label="Scenario editor">
      <p>Scenario editor</p>
    </section>
  );
}
