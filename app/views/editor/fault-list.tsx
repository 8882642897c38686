/**
 * The scenario's faults: each one a row with its kind and the fields that kind has (which
 * segment or PDU, and for corrupt-field the header field and value), removable; new ones added
 * by kind. Errors the schema names on a fault (faults[i].pdu, faults[i]) show under its row.
 */
import { useId, useState } from 'react';
import { type Fault, FAULT_KINDS, PDU_FIELDS, type PduField, type RulePath } from '../../../sim-core/page';
import { type FaultDraft, newFault } from './draft';
import { rangeText } from './knobs';

const KIND_TEXT: Record<Fault['kind'], string> = {
  'drop-segment': 'The host loses its N-th data segment (first transmissions, counted from 1)',
  'duplicate-segment': 'The N-th data segment is sent twice',
  'reorder-segment': 'The N-th data segment is held back and sent after the next few',
  'corrupt-hdgst': 'Bits of the K-th PDU header digest flipped (needs the header digest on)',
  'corrupt-ddgst': 'Bits of the K-th PDU data digest flipped (needs the data digest on)',
  'corrupt-field': 'One header field of the K-th PDU overwritten (digests recomputed after)',
};

interface Props {
  faults: readonly FaultDraft[];
  errors: ReadonlyMap<string, string[]>;
  onChange(faults: FaultDraft[]): void;
}

type NumKey = 'segment' | 'by' | 'pdu' | 'value';
const NUM_LABEL: Record<NumKey, string> = {
  segment: 'Segment',
  by: 'Held for segments',
  pdu: 'PDU',
  value: 'Value',
};

function keysOf(kind: Fault['kind']): NumKey[] {
  switch (kind) {
    case 'drop-segment':
    case 'duplicate-segment':
      return ['segment'];
    case 'reorder-segment':
      return ['segment', 'by'];
    case 'corrupt-hdgst':
    case 'corrupt-ddgst':
      return ['pdu'];
    case 'corrupt-field':
      return ['pdu', 'value'];
  }
}

export function FaultList({ faults, errors, onChange }: Props) {
  const base = useId();
  const [kind, setKind] = useState<Fault['kind']>('drop-segment');
  const set = (i: number, patch: Partial<FaultDraft>) =>
    onChange(faults.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const listErrors = errors.get('faults');
  return (
    <fieldset className="knob-group faults">
      <legend>Faults</legend>
      <p className="meta">
        {faults.length === 0
          ? 'No faults: the host sends a clean stream.'
          : `The host injects ${faults.length === 1 ? '1 fault' : `${faults.length} faults`}.`}{' '}
        Segments count the host's data segments; PDUs count the PDUs it sends (1 is the ICReq, 2 the Connect
        command).
      </p>
      <ol className="fault-list">
        {faults.map((f, i) => {
          const rowErrors = [...errors.entries()].filter(
            ([p]) => p === `faults[${i}]` || p.startsWith(`faults[${i}].`),
          );
          const id = `${base}-f${i}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: faults have no identity but their place in the list
            <li key={i} className={rowErrors.length > 0 ? 'invalid' : ''}>
              <div className="fault-row">
                <label htmlFor={`${id}-kind`}>Fault {i + 1}</label>
                <select
                  id={`${id}-kind`}
                  value={f.kind}
                  onChange={(e) => set(i, { kind: e.target.value as Fault['kind'] })}
                >
                  {FAULT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
                {keysOf(f.kind).map((key) => {
                  const path = `faults[${i}].${key}`;
                  const bad = errors.has(path);
                  return (
                    <span key={key} className="fault-field">
                      <label htmlFor={`${id}-${key}`}>{NUM_LABEL[key]}</label>
                      <input
                        id={`${id}-${key}`}
                        type="text"
                        inputMode="numeric"
                        autoComplete="off"
                        value={f[key]}
                        title={rangeText(`fault.${key}` as RulePath)}
                        aria-invalid={bad}
                        aria-describedby={bad ? `${id}-errors` : undefined}
                        onChange={(e) => set(i, { [key]: e.target.value })}
                      />
                    </span>
                  );
                })}
                {f.kind === 'corrupt-field' && (
                  <span className="fault-field">
                    <label htmlFor={`${id}-field`}>Field</label>
                    <select
                      id={`${id}-field`}
                      value={f.field}
                      onChange={(e) => set(i, { field: e.target.value as PduField })}
                    >
                      {PDU_FIELDS.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                  </span>
                )}
                <button type="button" onClick={() => onChange(faults.filter((_, j) => j !== i))}>
                  Remove fault {i + 1}
                </button>
              </div>
              <p className="meta">{KIND_TEXT[f.kind]}.</p>
              {rowErrors.length > 0 && (
                <p className="field-error" id={`${id}-errors`}>
                  {rowErrors.flatMap(([, list]) => list).join(' ')}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {listErrors !== undefined && <p className="field-error">{listErrors.join(' ')}</p>}
      <div className="fault-add">
        <label htmlFor={`${base}-new`}>New fault</label>
        <select id={`${base}-new`} value={kind} onChange={(e) => setKind(e.target.value as Fault['kind'])}>
          {FAULT_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onChange([...faults, newFault(kind)])}>
          Add fault
        </button>
      </div>
    </fieldset>
  );
}
