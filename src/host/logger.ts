/** `debug` logging that never prints a credential. */
function redact(value: unknown): unknown {
  return value && typeof value === 'object' && 'accessToken' in value ? { ...value, accessToken: '[redacted]' } : value;
}

export function createLogger(debug: boolean): (...args: unknown[]) => void {
  return debug ? (...args) => console.debug('[wink-link]', ...args.map(redact)) : () => {};
}
