/** Every field of the selected object, with a labelled hex view. (Being built.) */
export function Inspector() {
  return (
    <section className="inspector" aria-label="Inspector">
      <p>Select an object in the picture.</p>
    </section>
  );
}
