/**
 * The sandbox widget's calls to the mock Smile API. The widget's only credential is the Link
 * token the host handed it: redeemed once, then valid as a bearer token until it expires.
 */
declare const __SMILE_API_URL__: string;

export interface Account {
  accountId: string;
  userId: string;
  providerId: string;
  connectedAt: string;
}

export interface Uploaded {
  userId: string;
  archiveId: string;
  uploads: Array<{ id: string; type: string; state: string }>;
}

/** The API refused the token (expired, already used, unknown). */
export class TokenRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRefused';
  }
}

/** The provider refused the sign-in: the account exists, in error (Smile's onAccountError codes). */
export class LinkFailed extends Error {
  constructor(readonly account: { accountId: string; userId: string; providerId: string; errorCode: string }) {
    super(account.errorCode);
    this.name = 'LinkFailed';
  }
}

async function call<T>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${__SMILE_API_URL__}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await response.json();
  if (response.status === 401) throw new TokenRefused(body.error, body.message);
  if (response.status === 422) throw new LinkFailed({ ...body, errorCode: body.error });
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body as T;
}

export const sandboxApi = {
  redeem: (accessToken: string) =>
    call<{ userId: string; expiresAt: string }>('/widget/sessions', { body: { accessToken } }),
  checkSession: (token: string) => call<{ userId: string }>('/widget/session', { token }),
  listAccounts: (token: string) => call<Account[]>('/widget/accounts', { token }),
  addAccount: (token: string, providerId: string, username: string, password: string) =>
    call<Account>('/widget/accounts', { token, body: { providerId, username, password } }),
  removeAccount: (token: string, accountId: string) =>
    call<Account>('/widget/accounts/remove', { token, body: { accountId } }),
  upload: (token: string, count: number) => call<Uploaded>('/widget/uploads', { token, body: { count } }),
};
