/**
 * Sends the browser to another site: the payment provider's checkout page or billing portal.
 * It is a module of its own so tests can replace it (jsdom cannot leave the page).
 */
export function goTo(url: string): void {
  window.location.assign(url);
}

/**
 * Whether `url` is a web address (http or https). Addresses from the payment provider are sent
 * to the browser or put in links only when they are, so a bad value can never become a
 * `javascript:` or `data:` address.
 */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
