import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProjectPicker } from './ProjectPicker';

const PROJECTS = [
  { id: 'proj_a', name: 'Alpha' },
  { id: 'proj_b', name: null, archived: true },
];

afterEach(cleanup);

describe('ProjectPicker', () => {
  it('offers the organization and each project, and reports the choice', () => {
    const onChange = vi.fn();
    render(<ProjectPicker label="Scope" organizationLabel="Whole organization" projects={PROJECTS} value="organization" onChange={onChange} />);
    const options = screen.getAllByRole('option').map((option) => [option.getAttribute('value'), option.textContent]);
    expect(options).toEqual([
      ['organization', 'Whole organization'],
      ['proj_a', 'Alpha'],
      ['proj_b', 'proj_b (archived)'],
    ]);
    fireEvent.change(screen.getByLabelText('Scope'), { target: { value: 'proj_a' } });
    expect(onChange).toHaveBeenLastCalledWith('proj_a');
  });

  it('keeps a chosen project that is no longer listed as an option of its own id', () => {
    render(<ProjectPicker label="Scope" organizationLabel="Whole organization" projects={PROJECTS} value="proj_gone" onChange={() => {}} />);
    const select = screen.getByLabelText<HTMLSelectElement>('Scope');
    expect(select.value).toBe('proj_gone');
    expect(screen.getAllByRole('option')).toHaveLength(4);
  });

  it('adds no extra option for a listed project or the organization', () => {
    render(<ProjectPicker label="Scope" organizationLabel="Whole organization" projects={PROJECTS} value="proj_a" onChange={() => {}} />);
    expect(screen.getAllByRole('option')).toHaveLength(3);
  });
});
