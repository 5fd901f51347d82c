import type { WidgetConnection } from 'wink-link/widget';
import { sandboxApi, TokenRefused } from './api';

/**
 * The widget's hold on its Link token. Every token the host sends (init, or token in place) is
 * redeemed with the API before use; a refused one, or one that stops working, is reported as
 * `tokenExpired` (once per token) and the widget waits for the next `token` message.
 */
export type SessionStatus = 'verifying' | 'active' | 'expired';

export interface Session {
  readonly status: SessionStatus;
  readonly userId: string | undefined;
  /** How many fresh tokens arrived in place (the user kept their screen each time). */
  readonly renewals: number;
  /** Runs an API call with the current token; a refusal expires the session and rethrows. */
  use<T>(call: (token: string) => Promise<T>): Promise<T>;
}

const SESSION_CHECK_MS = 2000;

export function createSession(conn: WidgetConnection, onChange: (session: Session) => void): Session {
  let token: string | undefined;
  let status: SessionStatus = 'verifying';
  let userId: string | undefined;
  let renewals = 0;
  const reported = new Set<string>();

  const session: Session = {
    get status() {
      return status;
    },
    get userId() {
      return userId;
    },
    get renewals() {
      return renewals;
    },
    async use(call) {
      const used = token;
      if (!used || status !== 'active') throw new TokenRefused('NO_SESSION', 'No active session.');
      try {
        return await call(used);
      } catch (error) {
        if (error instanceof TokenRefused) expire(used);
        throw error;
      }
    },
  };

  function expire(refused: string) {
    // A late answer about a token that was already replaced says nothing about the new one.
    if (refused !== token) return;
    status = 'expired';
    if (!reported.has(refused)) {
      reported.add(refused);
      conn.send('tokenExpired', {});
    }
    onChange(session);
  }

  /** The last token the host sent; it replaces `token` only once the API redeemed it. */
  let latest: string | undefined;

  async function adopt(accessToken: string, inPlace: boolean) {
    latest = accessToken;
    if (!inPlace) {
      status = 'verifying';
      onChange(session);
    }
    try {
      const redeemed = await sandboxApi.redeem(accessToken);
      if (latest !== accessToken) return;
      token = accessToken;
      userId = redeemed.userId;
      status = 'active';
      if (inPlace) renewals++;
      onChange(session);
    } catch (error) {
      if (latest !== accessToken) return;
      if (!(error instanceof TokenRefused)) {
        conn.send('error', { code: 'API_UNREACHABLE', message: (error as Error).message });
        return;
      }
      token = accessToken;
      expire(accessToken);
    }
  }

  conn.on('init', (payload) => void adopt(payload.accessToken, false));
  conn.on('token', (payload) => void adopt(payload.accessToken, true));

  // The API is the judge of expiry (it owns the clock and the single-use rule): ask it now and then.
  setInterval(() => {
    if (status === 'active') session.use(sandboxApi.checkSession).catch(() => {});
  }, SESSION_CHECK_MS);

  return session;
}
