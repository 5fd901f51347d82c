import type { LinkState, LinkToken } from 'wink-link';

/**
 * The "Link session" card: the link's state, a countdown to the current token's expiry (on
 * the server's clock, as the SDK computes it) and the trail of tokens fetched.
 */
const $ = (id: string) => document.getElementById(id)!;
/** Same threshold as the SDK: an HTTP Date header has one-second resolution. */
const SKEW_NOISE_MS = 2000;

export function createSessionPanel() {
  let token: { expiresAt: number; lifetime: number; skew: number } | undefined;
  let expired = false;
  let count = 0;

  function tick() {
    const value = $('countdown-value');
    const caption = $('countdown-caption');
    const box = $('countdown');
    if (!token) {
      value.textContent = '—';
      caption.textContent = count ? 'No token in use' : 'No token yet';
      box.dataset.level = 'none';
      return;
    }
    const left = Math.max(0, token.expiresAt - (Date.now() + token.skew));
    const seconds = Math.ceil(left / 1000);
    value.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    caption.textContent = expired || left === 0 ? 'Token expired' : 'until the token expires';
    box.dataset.level = expired || left === 0 ? 'expired' : left < 15_000 ? 'low' : 'ok';
    $('countdown-bar').style.setProperty('--fill', String(expired ? 0 : left / token.lifetime));
  }
  setInterval(tick, 250);

  return {
    /** A token the host endpoint just returned (`serverTime` or the Date header = server clock). */
    tokenFetched(value: LinkToken, dateHeader: string | null) {
      const serverNow = Date.parse(value.serverTime ?? dateHeader ?? '');
      const skew =
        Number.isNaN(serverNow) || Math.abs(serverNow - Date.now()) < SKEW_NOISE_MS ? 0 : serverNow - Date.now();
      const expiresAt = Date.parse(value.expiresAt);
      token = { expiresAt, skew, lifetime: Math.max(1, expiresAt - (Date.now() + skew)) };
      expired = false;
      $('token-id').textContent = `…${value.accessToken.slice(-10)}`;
      $('token-mode').textContent = value.mode === 'SANDBOX' ? 'Sandbox' : 'Production';
      $('token-count').textContent = String(++count);
      tick();
    },
    expired() {
      expired = true;
      tick();
    },
    state(state: LinkState | 'idle') {
      const pill = $('state');
      pill.dataset.state = state;
      pill.textContent = state === 'idle' ? 'not started' : state;
      if (state === 'closed' || state === 'destroyed') token = undefined;
      tick();
    },
  };
}
