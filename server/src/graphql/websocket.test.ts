import type { IncomingMessage } from 'node:http';
import { isAllowedOrigin } from './websocket';

const upgrade = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('isAllowedOrigin', () => {
  const allowed = ['https://studio.example.com'];
  it('accepts listed origins, the server itself, and non-browser clients', () => {
    expect(isAllowedOrigin(upgrade({ origin: 'https://studio.example.com' }), allowed)).toBe(true);
    expect(
      isAllowedOrigin(upgrade({ origin: 'http://10.0.0.5:4000', host: '10.0.0.5:4000' }), allowed),
    ).toBe(true);
    expect(isAllowedOrigin(upgrade({}), allowed)).toBe(true);
  });
  it('refuses other sites', () => {
    expect(
      isAllowedOrigin(
        upgrade({ origin: 'https://evil.example', host: 'studio.example.com' }),
        allowed,
      ),
    ).toBe(false);
  });
});
