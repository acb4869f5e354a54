import { isWebUrl } from './redirect';

describe('isWebUrl', () => {
  it('accepts web addresses only, so a bad value never becomes a script or data address', () => {
    expect(isWebUrl('https://checkout.example/c/cs_test_1')).toBe(true);
    expect(isWebUrl('http://localhost:12111/portal')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,hi')).toBe(false);
    expect(isWebUrl('/credits')).toBe(false);
    expect(isWebUrl('')).toBe(false);
    expect(isWebUrl(null)).toBe(false);
  });
});
