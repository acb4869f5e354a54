/** A start-up problem the user can fix; printed as one line that says what to do. */
export class StartupError extends Error {
  override name = 'StartupError';
}
