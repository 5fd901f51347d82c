import { randomBytes } from 'node:crypto';

/**
 * The mock Smile API's state: users, their Link tokens, connected accounts and uploads. Ids are
 * shaped like Smile's examples (user "<tenant>-<hex>", token "tk-…", account "a-…", upload "u-…",
 * archive "archive-…"). Tokens follow the real rules: single use (redeemed once by the widget)
 * and short lived.
 */
export type TokenRefusal = 'TOKEN_UNKNOWN' | 'TOKEN_ALREADY_USED' | 'TOKEN_EXPIRED';

export interface Account {
  accountId: string;
  userId: string;
  providerId: string;
  connectedAt: string;
}

export interface Upload {
  id: string;
  type: string;
  state: string;
}

/** Smile's Token (openapi-v1.yaml `Token`). */
export interface IssuedToken {
  id: string;
  expiresAt: string;
  mode: 'SANDBOX';
  accessToken: string;
}

interface TokenRecord {
  userId: string;
  expiresAt: number;
  redeemed: boolean;
}

const hex = () => randomBytes(16).toString('hex');

/** Long, opaque, with `.` and `-` like real tokens, so nothing downstream may assume a format. */
function newAccessToken(): string {
  return `sbx.${randomBytes(48).toString('base64url')}.${randomBytes(12).toString('base64url')}-link`;
}

export class SandboxStore {
  private readonly users = new Map<
    string,
    { id: string; externalMetadata: Record<string, string>; createdAt: string }
  >();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly accounts = new Map<string, Account[]>();

  constructor(private readonly tokenTtlMs: number) {}

  createUser(externalMetadata: Record<string, string>) {
    const user = { id: `acme-${hex()}`, externalMetadata, createdAt: new Date().toISOString() };
    this.users.set(user.id, user);
    this.accounts.set(user.id, []);
    return user;
  }

  hasUser(userId: string): boolean {
    return this.users.has(userId);
  }

  issueToken(userId: string): IssuedToken {
    this.forgetOldTokens();
    const accessToken = newAccessToken();
    const expiresAt = Date.now() + this.tokenTtlMs;
    this.tokens.set(accessToken, { userId, expiresAt, redeemed: false });
    return { id: `tk-${hex()}`, accessToken, mode: 'SANDBOX', expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The widget's first use of a token: succeeds once, and only before expiry. */
  redeem(accessToken: string): { userId: string; expiresAt: number } | TokenRefusal {
    const record = this.tokens.get(accessToken);
    if (!record) return 'TOKEN_UNKNOWN';
    if (record.expiresAt <= Date.now()) return 'TOKEN_EXPIRED';
    if (record.redeemed) return 'TOKEN_ALREADY_USED';
    record.redeemed = true;
    return { userId: record.userId, expiresAt: record.expiresAt };
  }

  /** A redeemed token is the widget's session credential until it expires. */
  session(accessToken: string): { userId: string; expiresAt: number } | TokenRefusal {
    const record = this.tokens.get(accessToken);
    if (!record?.redeemed) return 'TOKEN_UNKNOWN';
    if (record.expiresAt <= Date.now()) return 'TOKEN_EXPIRED';
    return { userId: record.userId, expiresAt: record.expiresAt };
  }

  /** Sandbox control: every live token of the user expires now. */
  expireTokens(userId: string): number {
    let count = 0;
    for (const record of this.tokens.values()) {
      if (record.userId === userId && record.expiresAt > Date.now()) {
        record.expiresAt = Date.now();
        count++;
      }
    }
    return count;
  }

  listAccounts(userId: string): Account[] {
    return this.accounts.get(userId) ?? [];
  }

  /** A linking attempt gets an account id whether it connects or fails, as Smile's do. */
  newAccountId(): string {
    return `a-${hex()}`;
  }

  addAccount(userId: string, providerId: string, accountId: string): Account {
    const account = { accountId, userId, providerId, connectedAt: new Date().toISOString() };
    this.accounts.set(userId, [...this.listAccounts(userId), account]);
    return account;
  }

  removeAccount(userId: string, accountId: string): Account | undefined {
    const list = this.listAccounts(userId);
    const account = list.find((a) => a.accountId === accountId);
    if (account)
      this.accounts.set(
        userId,
        list.filter((a) => a !== account),
      );
    return account;
  }

  /** Uploaded payslips: one upload each, grouped in one archive. */
  addUploads(count: number): { archiveId: string; uploads: Upload[] } {
    const uploads = Array.from({ length: count }, () => ({ id: `u-${hex()}`, type: 'PAYSLIP', state: 'PENDING' }));
    return { archiveId: `archive-${hex()}`, uploads };
  }

  /** Keeps memory flat in a long demo session: spent tokens are dropped a while after expiry. */
  private forgetOldTokens() {
    const horizon = Date.now() - 10 * 60_000;
    for (const [token, record] of this.tokens) if (record.expiresAt < horizon) this.tokens.delete(token);
  }
}
