import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Link, useLocation } from 'react-router';
import type { ViewerFragment } from '../../gql/graphql';
import { Avatar, Spinner, buttonClass } from '../../ui';
import { formatCredits } from '../credits/format';
import { useCreditBalance } from '../credits/use-credit-balance';
import { useSession, useViewer } from './session';
import './account-menu.css';

const ITEMS = [
  { to: '/settings/profile', label: 'Profile' },
  { to: '/settings/security', label: 'Security' },
  { to: '/settings/sessions', label: 'Sessions' },
];

function focusableItems(panel: HTMLElement | null): HTMLElement[] {
  if (!panel) return [];
  return Array.from(panel.querySelectorAll<HTMLElement>('a[href], button:not([disabled])'));
}

/**
 * The signed-in person's menu in the header: their name and picture on a button that opens a
 * list of account pages and Sign out. A disclosure: Enter or Space opens it, the arrow keys move
 * through it, Escape closes it and returns focus to the button, and so does clicking elsewhere
 * or moving focus out of it.
 */
function AccountDropdown({ viewer }: { viewer: ViewerFragment }) {
  const session = useSession();
  // The balance is for accounts that may use aiofm: the server refuses it before the 18+ step.
  const { credits } = useCreditBalance({ skip: !viewer.ageConfirmedAt });
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function moveFocus(step: 1 | -1 | 'first' | 'last') {
    const items = focusableItems(panelRef.current);
    if (items.length === 0) return;
    const index = items.indexOf(document.activeElement as HTMLElement);
    let next: number;
    if (step === 'first') next = 0;
    else if (step === 'last') next = items.length - 1;
    else next = index < 0 ? 0 : (index + step + items.length) % items.length;
    items[next]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const down = event.key === 'ArrowDown';
      if (!open) {
        setOpen(true);
        requestAnimationFrame(() => moveFocus(down ? 'first' : 'last'));
      } else {
        moveFocus(down ? 1 : -1);
      }
    } else if (open && (event.key === 'Home' || event.key === 'End')) {
      event.preventDefault();
      moveFocus(event.key === 'Home' ? 'first' : 'last');
    }
  }

  async function signOut() {
    setSigningOut(true);
    try {
      await session.signOut();
    } finally {
      setSigningOut(false);
      setOpen(false);
    }
  }

  return (
    <div
      ref={containerRef}
      className="account-menu"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="account-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account menu: ${viewer.name}`}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={viewer.name} src={viewer.avatarUrl} size="sm" decorative />
        <span className="account-menu__name" aria-hidden="true">
          {viewer.name}
        </span>
      </button>
      <div ref={panelRef} id={panelId} className="account-menu__panel" hidden={!open}>
        <p className="account-menu__who">
          <strong>{viewer.name}</strong>
          <span className="muted">{viewer.email}</span>
        </p>
        <ul className="account-menu__list">
          <li>
            <Link className="account-menu__item" to="/credits" onClick={() => setOpen(false)}>
              Credits
              {credits && (
                <span className="account-menu__aside" data-testid="menu-credits">
                  {formatCredits(credits.available)}
                  <span className="visually-hidden"> available</span>
                </span>
              )}
            </Link>
          </li>
          {ITEMS.map((item) => (
            <li key={item.to}>
              <Link className="account-menu__item" to={item.to} onClick={() => setOpen(false)}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="account-menu__item account-menu__sign-out"
          aria-busy={signingOut || undefined}
          disabled={signingOut}
          onClick={() => void signOut()}
        >
          {signingOut && <Spinner size="sm" />}
          Sign out
        </button>
      </div>
    </div>
  );
}

/** The header's account control: the account menu when signed in, else Sign in and Sign up. */
export function AccountMenu() {
  const { viewer, loading } = useViewer();
  const location = useLocation();
  if (loading) return <span className="account-menu__placeholder" aria-hidden="true" />;
  if (viewer) return <AccountDropdown viewer={viewer} />;
  const from = { pathname: location.pathname, search: location.search, hash: location.hash };
  return (
    <div className="account-links">
      <Link className={buttonClass('ghost', 'sm')} to="/sign-in" state={{ from }}>
        Sign in
      </Link>
      <Link
        className={buttonClass('primary', 'sm', 'account-links__sign-up')}
        to="/sign-up"
        state={{ from }}
      >
        Sign up
      </Link>
    </div>
  );
}
