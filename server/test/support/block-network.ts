import net from 'node:net';

/** Tests talk to loopback only; anything else fails loudly instead of reaching the internet. */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '::1' ||
    host === '0:0:0:0:0:0:0:1' ||
    (net.isIPv4(host) && host.startsWith('127.')) ||
    host.startsWith('::ffff:127.')
  );
}

type ConnectOptions = { host?: string; path?: string };

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  // Node passes normalised arguments as [[options, callback]] from net.connect and tls.connect.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  let host: string | undefined;
  if (typeof first === 'object' && first !== null) {
    const options = first as ConnectOptions;
    host = options.path ? undefined : (options.host ?? 'localhost');
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (host !== undefined && !isLoopbackHost(host)) {
    throw new Error(
      `Tests may not reach the network (tried ${host}); use a loopback fake instead.`,
    );
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
