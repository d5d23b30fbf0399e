import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MoneyInput } from './MoneyInput';

afterEach(cleanup);

describe('MoneyInput', () => {
  it('shows micro-units as dollars and reports dollars typed as micro-units', () => {
    const onChange = vi.fn();
    render(<MoneyInput label="Cap" micros={12_500_000} onChange={onChange} />);
    const input = screen.getByLabelText<HTMLInputElement>('Cap');
    expect(input.value).toBe('12.5');
    fireEvent.change(input, { target: { value: ' 0.1 ' } });
    expect(onChange).toHaveBeenLastCalledWith(100_000);
    fireEvent.change(input, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('ignores text that is not an amount, and zero where zero means nothing', () => {
    const onChange = vi.fn();
    render(<MoneyInput label="Cap" micros={null} allowZero={false} onChange={onChange} />);
    const input = screen.getByLabelText<HTMLInputElement>('Cap');
    expect(input.value).toBe('');
    for (const text of ['abc', '-1', '0']) fireEvent.change(input, { target: { value: text } });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('accepts zero by default', () => {
    const onChange = vi.fn();
    render(<MoneyInput label="Threshold" micros={null} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '0' } });
    expect(onChange).toHaveBeenLastCalledWith(0);
  });
});
