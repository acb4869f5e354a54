import express, { type Router } from 'express';

/** Liveness and readiness probes for load balancers and orchestrators. */
export function healthRoutes(
  isReady: () => Promise<{ ready: boolean; checks: Record<string, boolean> }>,
): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const { ready, checks } = await isReady().catch(() => ({ ready: false, checks: {} }));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  return router;
}
