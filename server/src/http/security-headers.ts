import helmet from 'helmet';
import type { Config } from '../config';
import { externalStorageOrigins } from '../modules/storage/storage-origins';

/**
 * Security headers for every response. The CSP allows only our own origin: the client is built
 * without inline scripts or styles, and the only extra sources are data/blob images, our own
 * WebSocket endpoint and, with the gcs driver, the storage origin that signed media URLs and
 * upload PUTs go to (the local driver's `/files` URLs are our own origin).
 */
export function securityHeaders(config: Pick<Config, 'publicUrl' | 'storage'>) {
  const https = config.publicUrl.protocol === 'https:';
  const wsOrigin = `${https ? 'wss' : 'ws'}://${config.publicUrl.host}`;
  const storage = externalStorageOrigins(config.storage);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...storage],
        mediaSrc: ["'self'", 'blob:', ...storage],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", wsOrigin, ...storage],
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
