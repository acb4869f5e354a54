import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { AccountMenu } from '../features/account/AccountMenu';
import { useViewer } from '../features/account/session';
import { VerifyEmailBanner } from '../features/account/VerifyEmailBanner';
import { ServerVersion } from '../features/server/ServerVersion';
import { AppLayout, LogoMark } from '../ui';
import { ConnectionIndicator } from './ConnectionIndicator';
import { PLAYGROUND_PATH } from './endpoints';
import { ThemeSwitcher } from './theme';

/** The frame around every page: header with navigation and live status, footer with the version. */
export function AppShell() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);
  const { viewer, loading } = useViewer();

  // After client-side navigation, start the new page at the top and move focus to it, so screen
  // readers begin reading there. The first page load keeps the browser's own focus.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <AppLayout
      mainRef={mainRef}
      brand={
        <Link to="/" className="app-header__brand">
          <LogoMark />
          aiofm
        </Link>
      }
      navItems={
        <>
          <li>
            <NavLink to="/" end className="app-nav__link">
              Home
            </NavLink>
          </li>
          {viewer && (
            <>
              <li>
                <NavLink to="/generate" className="app-nav__link">
                  Generate
                </NavLink>
              </li>
              <li>
                <NavLink to="/history" className="app-nav__link">
                  History
                </NavLink>
              </li>
              <li>
                <NavLink to="/library" className="app-nav__link">
                  Library
                </NavLink>
              </li>
              <li>
                <NavLink to="/credits" className="app-nav__link">
                  Credits
                </NavLink>
              </li>
            </>
          )}
          {/* Between the folded menu and full width the header is short of room: the playground
              waits in the footer there. */}
          <li className="app-nav__roomy-only">
            {/* The playground is its own page, served by the server: a normal link, not a route. */}
            <a href={PLAYGROUND_PATH} className="app-nav__link">
              API playground
            </a>
          </li>
          {!viewer && !loading && (
            // On phones the header has room for Sign in only; Sign up waits in the menu.
            <li className="app-nav__narrow-only">
              <NavLink to="/sign-up" className="app-nav__link">
                Sign up
              </NavLink>
            </li>
          )}
        </>
      }
      status={<ConnectionIndicator />}
      actions={<ThemeSwitcher />}
      account={<AccountMenu />}
      footer={
        <>
          <ServerVersion />
          <ul className="app-footer__links">
            <li>
              <a href={PLAYGROUND_PATH}>API playground</a>
            </li>
            <li>
              <a href="/healthz">Health</a>
            </li>
          </ul>
        </>
      }
    >
      <VerifyEmailBanner />
      <Outlet />
    </AppLayout>
  );
}
