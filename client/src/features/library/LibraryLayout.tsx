import { NavLink, Outlet } from 'react-router';
import type { ReactNode } from 'react';
import './library.css';

const TABS = [
  { to: '/library/characters', label: 'Characters' },
  { to: '/library/models', label: 'AI models' },
  { to: '/library/templates', label: 'Templates' },
  { to: '/library/recipes', label: 'Recipes' },
];

/** The frame of the library pages: a row of tabs (characters, AI models, templates, recipes). */
export function LibraryLayout() {
  return (
    <div className="library">
      <nav className="library__tabs" aria-label="Library">
        <ul className="library__tab-list">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink className="library__tab" to={tab.to}>
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="library__content">
        <Outlet />
      </div>
    </div>
  );
}

export interface LibraryPageHeaderProps {
  /** The page's heading, also the start of the window title ("Characters · Library · aiofm"). */
  title: string;
  lead?: ReactNode;
  /** Controls at the end of the header: the create button. */
  actions?: ReactNode;
  /** Below the heading, full width: the search box. */
  tools?: ReactNode;
}

/** The heading block every library page starts with: title, lead, actions and tools. */
export function LibraryPageHeader({ title, lead, actions, tools }: LibraryPageHeaderProps) {
  return (
    <header className="library-header">
      <title>{`${title} · Library · aiofm`}</title>
      <div className="library-header__row">
        <div className="page-header">
          <h1>{title}</h1>
          {lead && <p className="page-header__lead">{lead}</p>}
        </div>
        {actions && <div className="library-header__actions">{actions}</div>}
      </div>
      {tools && <div className="library-header__tools">{tools}</div>}
    </header>
  );
}
