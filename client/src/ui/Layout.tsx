import { useId, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent, ReactNode, RefObject } from 'react';
import { CloseIcon, MenuIcon } from './icons';

export const MAIN_CONTENT_ID = 'main-content';

/** First stop for keyboard users: jumps past the header to the page content. */
export function SkipLink({ targetRef }: { targetRef: RefObject<HTMLElement | null> }) {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const target = targetRef.current;
    if (!target) return;
    // Focus (which also scrolls) instead of changing the URL fragment, which the router would
    // treat as navigation.
    event.preventDefault();
    target.focus();
  }
  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skip}>
      Skip to content
    </a>
  );
}

export interface AppLayoutProps {
  /** The product name linking home. */
  brand: ReactNode;
  /** Accessible name of the navigation landmark. */
  navLabel?: string;
  /** The navigation links, as `<li>` elements. */
  navItems: ReactNode;
  /** Always visible in the header, also on phones (e.g. the live-connection indicator). */
  status?: ReactNode;
  /** Header controls that fold into the menu on narrow screens (e.g. the theme switcher). */
  actions?: ReactNode;
  /** The account control at the end of the header (menu, or sign-in links); always visible. */
  account?: ReactNode;
  footer?: ReactNode;
  /** The main landmark; pages focus it after navigation. */
  mainRef: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/**
 * The page frame: skip link, header with navigation, main landmark and footer. Below 48rem the
 * navigation and actions collapse behind a Menu button (aria-expanded), which closes again on
 * Escape or when a link inside it is followed.
 */
export function AppLayout({
  brand,
  navLabel = 'Main',
  navItems,
  status,
  actions,
  account,
  footer,
  mainRef,
  children,
}: AppLayoutProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const panelId = useId();
  const menuButtonRef = useRef<HTMLButtonElement>(null);

  function onHeaderKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && menuOpen) {
      setMenuOpen(false);
      menuButtonRef.current?.focus();
    }
  }

  function onPanelClick(event: MouseEvent<HTMLElement>) {
    if ((event.target as Element).closest('a')) setMenuOpen(false);
  }

  return (
    <div className="app">
      <SkipLink targetRef={mainRef} />
      <header
        className="app-header"
        data-menu-open={menuOpen ? 'true' : 'false'}
        onKeyDown={onHeaderKeyDown}
      >
        <div className="app-header__bar">
          {brand}
          {status && <div className="app-header__status">{status}</div>}
          {account && <div className="app-header__account">{account}</div>}
          <button
            ref={menuButtonRef}
            type="button"
            className="button button--ghost button--sm app-header__menu-button"
            aria-expanded={menuOpen}
            aria-controls={panelId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? <CloseIcon size={18} /> : <MenuIcon size={18} />}
            <span className="app-header__menu-label">Menu</span>
          </button>
          <div id={panelId} className="app-header__panel" onClick={onPanelClick}>
            <nav className="app-nav" aria-label={navLabel}>
              <ul className="app-nav__list">{navItems}</ul>
            </nav>
            {actions && <div className="app-header__actions">{actions}</div>}
          </div>
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} ref={mainRef} className="app-main" tabIndex={-1}>
        {children}
      </main>
      {footer && (
        <footer className="app-footer">
          <div className="app-footer__inner">{footer}</div>
        </footer>
      )}
    </div>
  );
}
