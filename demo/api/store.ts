import { randomBytes, randomUUID } from 'node:crypto';
import type { LinkToken } from '../../src/shared/token';

/**
 * The mock Smile API's state: users, their Link tokens and their connected accounts.
 * Tokens follow the real rules: single use (redeemed once by the widget) and short lived.
 */
export type TokenRefusal = 'TOKEN_UNKNOWN' | 'TOKEN_ALREADY_USED' | 'TOKEN_EXPIRED';

export interface Account {
  accountId: string;
  userId: string;
  providerId: string;
  connectedAt: string;
}

interface TokenRecord {
  userId: string;
  expiresAt: number;
  redeemed: boolean;
}

/** Long, opaque, with `.` and `-` like real tokens, so nothing downstream may assume a format. */
function newAccessToken(): string {
  return `sbx.${randomBytes(48).toString('base64url')}.${randomBytes(12).toString('base64url')}-link`;
}

export class SandboxStore {
  private readonly users = new Map<string, { id: string; createdAt: string }>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly accounts = new Map<string, Account[]>();

  constructor(private readonly tokenTtlMs: number) {}

  createUser(): { id: string; createdAt: string } {
    const user = { id: `usr_${randomUUID()}`, createdAt: new Date().toISOString() };
    this.users.set(user.id, user);
    this.accounts.set(user.id, []);
    return user;
  }

  hasUser(userId: string): boolean {
    return this.users.has(userId);
  }

  issueToken(userId: string): LinkToken {
    this.forgetOldTokens();
    const accessToken = newAccessToken();
    const expiresAt = Date.now() + this.tokenTtlMs;
    this.tokens.set(accessToken, { userId, expiresAt, redeemed: false });
    return { accessToken, mode: 'SANDBOX', expiresAt: new Date(expiresAt).toISOString() };
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

  addAccount(userId: string, providerId: string): Account {
    const account = { accountId: `acc_${randomUUID()}`, userId, providerId, connectedAt: new Date().toISOString() };
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

  /** Keeps memory flat in a long demo session: spent tokens are dropped a while after expiry. */
  private forgetOldTokens() {
    const horizon = Date.now() - 10 * 60_000;
    for (const [token, record] of this.tokens) if (record.expiresAt < horizon) this.tokens.delete(token);
  }
}
