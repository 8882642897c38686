/**
 * The selected object's fields: upstream name, value, and what it means (under the value, so
 * both stay readable in a narrow column). A field whose bytes are
 * in the hex view is a toggle button: pressing it highlights those bytes (and a byte picked in
 * the hex view marks its field here).
 */
import type { InspectField } from './types';

export interface FieldTableProps {
  title: string;
  fields: readonly InspectField[];
  /** Names that label bytes in the hex view. */
  inHex: ReadonlySet<string>;
  pinned: string | null;
  onPin(name: string | null): void;
}

export function FieldTable({ title, fields, inHex, pinned, onPin }: FieldTableProps) {
  return (
    <table className="insp-fields">
      <caption className="visually-hidden">Fields of {title}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value and meaning</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f, k) => (
          // Names may repeat (e.g. reserved SQE fields), so the index keeps keys apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
          <tr key={k} className={pinned === f.name ? 'pinned' : undefined}>
            <th scope="row">
              {inHex.has(f.name) ? (
                <button
                  type="button"
                  className="field-link"
                  aria-pressed={pinned === f.name}
                  title="Highlight its bytes"
                  onClick={() => onPin(pinned === f.name ? null : f.name)}
                >
                  {f.name}
                </button>
              ) : (
                f.name
              )}
            </th>
            <td>
              <span className="value">{f.value}</span>
              {f.note !== undefined && <span className="note">{f.note}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
