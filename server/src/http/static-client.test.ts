import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { staticClient, themeFromCookie } from './static-client';

describe('themeFromCookie', () => {
  const cookie = (value: unknown) =>
    `other=1; aiofm_prefs=${encodeURIComponent(JSON.stringify(value))}`;
  it('reads the theme from the preference cookie', () => {
    expect(themeFromCookie(cookie({ theme: 'dark' }))).toBe('dark');
    expect(themeFromCookie(cookie({ theme: 'light' }))).toBe('light');
  });
  it('ignores system, garbage and absence', () => {
    expect(themeFromCookie(cookie({ theme: 'system' }))).toBeUndefined();
    expect(themeFromCookie(cookie({ theme: '"><script>' }))).toBeUndefined();
    expect(themeFromCookie('aiofm_prefs=%7Bbroken')).toBeUndefined();
    expect(themeFromCookie(undefined)).toBeUndefined();
  });
});

describe('staticClient', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-client-'));
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><html lang="en"><body>app</body></html>',
    );
    writeFileSync(
      path.join(dir, 'graphiql.html'),
      '<!doctype html><html lang="en"><body>playground</body></html>',
    );
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    const app = express().use(staticClient(dir));
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app for client routes, with the saved theme and no caching', async () => {
    const response = await fetch(`${base}/library/models`, {
      headers: {
        accept: 'text/html',
        cookie: `aiofm_prefs=${encodeURIComponent('{"theme":"dark"}')}`,
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<html data-theme="dark" lang="en">');
  });

  it('caches hashed assets for a year and 404s missing ones', async () => {
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('serves the playground page at /graphiql and leaves server paths alone', async () => {
    expect(await (await fetch(`${base}/graphiql`)).text()).toContain('playground');
    expect((await fetch(`${base}/healthz`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });
});
