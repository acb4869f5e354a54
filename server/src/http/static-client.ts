import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { readCookie } from './cookies';

/** Paths that belong to the server; everything else that asks for HTML gets the client app. */
const SERVER_PATHS = /^\/(graphql|graphiql|files|auth|healthz|readyz|assets)(\/|$)/;
const PREFERENCES_COOKIE = 'aiofm_prefs';

/** The theme from the preference cookie, so the first paint already has the right colours. */
export function themeFromCookie(cookieHeader: string | undefined): 'light' | 'dark' | undefined {
  const raw = readCookie(cookieHeader, PREFERENCES_COOKIE);
  if (!raw) return undefined;
  try {
    const { theme } = JSON.parse(raw) as { theme?: unknown };
    return theme === 'light' || theme === 'dark' ? theme : undefined;
  } catch {
    return undefined;
  }
}

function htmlPage(file: string, withTheme: boolean) {
  // Read once: the built client does not change while the server runs.
  const html = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  return (req: Request, res: Response) => {
    if (!html) {
      res
        .status(503)
        .type('text/plain')
        .send('The web client is not built yet. Run `npm run build` (npm start does it for you).');
      return;
    }
    const theme = withTheme ? themeFromCookie(req.get('cookie')) : undefined;
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(theme ? html.replace('<html', `<html data-theme="${theme}"`) : html);
  };
}

/** Serves the built client: hashed assets cached for a year, pages always revalidated. */
export function staticClient(clientDir: string): Router {
  const router = express.Router();
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.get('/graphiql', htmlPage(path.join(clientDir, 'graphiql.html'), false));
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  const app = htmlPage(path.join(clientDir, 'index.html'), true);
  router.get(/.*/, (req, res, next) => {
    if (SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    app(req, res);
  });
  return router;
}
