import helmet from 'helmet';
import type { Config } from '../config';

/**
 * Security headers for every response. The CSP allows only our own origin: the client is built
 * without inline scripts or styles, and the only extra sources are data/blob images and our
 * own WebSocket endpoint.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>) {
  const https = config.publicUrl.protocol === 'https:';
  const wsOrigin = `${https ? 'wss' : 'ws'}://${config.publicUrl.host}`;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", wsOrigin],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
  });
}
