import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createGraphQLTransport } from './app/apollo';
import { applyTheme, readPreferences } from './app/preferences';
import './ui/tokens.css';
import './ui/components.css';
import './app/app.css';

// The server already renders data-theme from the preference cookie; applying it here as well
// covers pages served without that step (the Vite dev server).
applyTheme(readPreferences().theme);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const transport = createGraphQLTransport(window.location);

createRoot(container).render(
  <StrictMode>
    <App transport={transport} />
  </StrictMode>,
);
