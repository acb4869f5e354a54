import { NavLink, Outlet } from 'react-router';
import './settings.css';

const SECTIONS = [
  { to: '/settings/profile', label: 'Profile' },
  { to: '/settings/security', label: 'Security' },
  { to: '/settings/sessions', label: 'Sessions' },
];

/** The frame of the settings pages: their navigation beside (on phones: above) the page. */
export function SettingsLayout() {
  return (
    <div className="settings">
      <nav className="settings__nav" aria-label="Settings">
        <p className="settings__nav-title" aria-hidden="true">
          Settings
        </p>
        <ul className="settings__nav-list">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink className="settings__nav-link" to={section.to}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings__content">
        <Outlet />
      </div>
    </div>
  );
}

/** The heading block every settings page starts with. */
export function SettingsHeader({ title, lead }: { title: string; lead: string }) {
  return (
    <header className="page-header">
      <title>{`${title} · Settings · aiofm`}</title>
      <h1>{title}</h1>
      <p className="page-header__lead">{lead}</p>
    </header>
  );
}
