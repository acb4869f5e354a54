import { isLoopbackHost } from './support/block-network';

describe('the test network guard', () => {
  it('fails any connection beyond loopback', async () => {
    await expect(fetch('http://93.184.215.14/')).rejects.toThrow();
    await expect(fetch('https://example.com/')).rejects.toThrow();
  });

  it('knows loopback when it sees it', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', '192.168.1.1', 'example.com', '8.8.8.8'].some(isLoopbackHost)).toBe(false);
  });
});
