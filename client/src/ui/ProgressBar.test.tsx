import { render, screen } from '@testing-library/react';
import { ProgressBar, toPercent } from './ProgressBar';

describe('ProgressBar', () => {
  it('exposes a determinate value as 0–100 with its label as the accessible name', () => {
    render(<ProgressBar label="Uploading image" value={0.426} />);
    const bar = screen.getByRole('progressbar', { name: 'Uploading image' });
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.getAttribute('aria-valuenow')).toBe('43');
    expect(bar.getAttribute('aria-valuetext')).toBe('43%');
    expect(screen.getByText('43%')).toBeTruthy();
  });

  it('clamps values outside 0..1', () => {
    expect(toPercent(-0.5)).toBe(0);
    expect(toPercent(1.7)).toBe(100);
    expect(toPercent(Number.NaN)).toBe(0);
    render(<ProgressBar label="Rendering" value={3} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('leaves out aria-valuenow when the amount of work is unknown', () => {
    const { container } = render(<ProgressBar label="Waiting for the provider" value={null} />);
    const bar = screen.getByRole('progressbar', { name: 'Waiting for the provider' });
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.getAttribute('aria-valuetext')).toBe('In progress');
    expect(container.querySelector('.progress--indeterminate')).not.toBeNull();
  });

  it('announces a custom value text', () => {
    render(<ProgressBar label="Generating" value={0.5} valueText="Step 2 of 4" />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(bar.getAttribute('aria-valuetext')).toBe('Step 2 of 4');
  });
});
