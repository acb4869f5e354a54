import { useRef } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { AppLayout } from './Layout';

function Harness() {
  const mainRef = useRef<HTMLElement>(null);
  return (
    <AppLayout
      mainRef={mainRef}
      brand={<a href="/">aiofm</a>}
      navItems={
        <li>
          <a href="/somewhere">Somewhere</a>
        </li>
      }
      status={<span>Live</span>}
    >
      <h1>Page</h1>
    </AppLayout>
  );
}

describe('AppLayout', () => {
  it('offers a skip link that moves focus to the main content', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('opens and closes the navigation menu with a button that reports its state', () => {
    render(<Harness />);
    const button = screen.getByRole('button', { name: 'Menu' });
    const header = screen.getByRole('banner');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(button.getAttribute('aria-controls') ?? '')).not.toBeNull();

    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(header.getAttribute('data-menu-open')).toBe('true');

    fireEvent.keyDown(screen.getByRole('link', { name: 'Somewhere' }), { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    fireEvent.click(screen.getByRole('link', { name: 'Somewhere' }));
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });
});
