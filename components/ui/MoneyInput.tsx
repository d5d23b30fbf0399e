import { fromMicros, toMicros, type Micros } from '../../lib/core/money';

export interface MoneyInputProps {
  /** The input's accessible name, e.g. "Daily threshold in dollars". */
  label: string;
  micros: Micros | null;
  /** Called with the amount typed, or null when the field is emptied. */
  onChange(micros: Micros | null): void;
  /** Whether 0 is an amount (a threshold) or means nothing (a cap). */
  allowZero?: boolean;
  placeholder?: string;
}

/**
 * A dollar amount typed as text, kept as micro-units (lib/core/money.ts). Text that is not
 * an amount changes nothing, so a half-typed "1." does not clear what was saved.
 */
export function MoneyInput({ label, micros, onChange, allowZero = true, placeholder }: MoneyInputProps) {
  return (
    <input
      type="text"
      inputMode="decimal"
      placeholder={placeholder}
      aria-label={label}
      value={micros === null ? '' : String(fromMicros(micros))}
      onChange={(event) => {
        const text = event.currentTarget.value.trim();
        const amount = Number(text);
        if (text === '') onChange(null);
        else if (Number.isFinite(amount) && (allowZero ? amount >= 0 : amount > 0)) onChange(toMicros(amount));
      }}
    />
  );
}
