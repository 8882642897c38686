/**
 * One knob of the editor: its name (and path), the control (checkbox, select or text input),
 * the unit and the value in human units, then its range, its real default (and the preset's value
 * when that differs) with where it comes from, and any error the schema names for it.
 */
import { memo, type ReactNode } from 'react';
import { humanBps, humanBytes, humanNs } from '../../../sim-core/scenario/fields';
import { RULES } from '../../../sim-core/page';
import type { FieldValue } from './draft';
import { numberOf } from './draft';
import { type Knob, rangeText, unitText } from './knobs';

interface Props {
  knob: Knob;
  value: FieldValue;
  /** The real default (DEFAULT_SCENARIO) and the preset's value, as the draft holds them. */
  defaultValue: FieldValue;
  presetValue: FieldValue;
  errors: readonly string[] | undefined;
  onChange(path: string, value: FieldValue): void;
}

/** The value in the unit a person reads ("40 ms", "2 MiB"), when the raw number is hard to read. */
function human(knob: Knob, value: FieldValue): string {
  if (knob.kind.type !== 'int' || typeof value !== 'string') return '';
  const n = numberOf(value);
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  const unit = RULES[knob.kind.rule].unit;
  if (unit === 'ns' && n >= 1000) return humanNs(n);
  if (unit === 'B' && n >= 1024) return humanBytes(n);
  if (unit === 'bit/s' && n >= 1e6) return humanBps(n);
  return '';
}

function shown(knob: Knob, v: FieldValue): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (knob.kind.type === 'hex') return v === '' ? 'none' : `${v.length / 2} bytes`;
  if (knob.kind.type === 'choice') return knob.kind.options.find((o) => String(o.value) === v)?.label ?? v;
  const h = human(knob, v);
  const u = knob.kind.type === 'int' ? unitText(knob.kind.rule) : '';
  return `${v}${u === '' ? '' : ` ${u}`}${h === '' ? '' : ` (${h})`}`;
}

export const KnobField = memo(function KnobField({
  knob,
  value,
  defaultValue,
  presetValue,
  errors,
  onChange,
}: Props) {
  const id = `knob-${knob.path.replace(/\./g, '-')}`;
  const metaId = `${id}-meta`;
  const errId = `${id}-error`;
  const invalid = errors !== undefined && errors.length > 0;
  const describedBy = invalid ? `${errId} ${metaId}` : metaId;
  const changed = value !== presetValue;
  const k = knob.kind;
  let control: ReactNode;
  if (k.type === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        aria-describedby={describedBy}
        onChange={(e) => onChange(knob.path, e.target.checked)}
      />
    );
  } else if (k.type === 'choice') {
    control = (
      <select
        id={id}
        value={String(value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(knob.path, e.target.value)}
      >
        {k.options.map((o) => (
          <option key={o.value} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (k.type === 'hex') {
    control = (
      <textarea
        id={id}
        value={String(value)}
        rows={2}
        spellCheck={false}
        placeholder="none: the host generates PDUs"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(knob.path, e.target.value)}
      />
    );
  } else {
    control = (
      <>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={String(value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => onChange(knob.path, e.target.value)}
        />
        {unitText(k.rule) !== '' && <span className="unit">{unitText(k.rule)}</span>}
        <span className="human">{human(knob, value)}</span>
      </>
    );
  }
  return (
    <div className={`knob${invalid ? ' invalid' : ''}${changed ? ' changed' : ''}`}>
      <div className="knob-head">
        <label htmlFor={id}>{knob.label}</label>
        <code className="path">{knob.path}</code>
        {changed && <span className="badge">changed</span>}
      </div>
      <div className="control">{control}</div>
      <p className="meta" id={metaId}>
        {k.type === 'int' && <span className="range">{rangeText(k.rule)}. </span>}
        <span className="default">Default {shown(knob, defaultValue)}</span>
        {presetValue !== defaultValue && <span className="preset">, preset {shown(knob, presetValue)}</span>}.{' '}
        <span className="hint">{knob.hint}.</span>
      </p>
      {invalid && (
        <p className="field-error" id={errId}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
});
