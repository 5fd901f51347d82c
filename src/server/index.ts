/**
 * wink-link/server: get Link tokens from the Smile Open API for your users, and verify and read
 * its webhooks. Web standards only (fetch, WebCrypto): runs on Node ≥ 20.19, Bun, Deno, Vercel
 * Edge and Cloudflare Workers. No browser code; keep your API key and secret here, never in the page.
 */
export { createSmileClient, SMILE_PRODUCTION_API_URL, SMILE_SANDBOX_API_URL } from './client.js';
export type { CallOptions, CreateUserInput, SmileClient, SmileClientOptions, SmileUser } from './client.js';
export type { ExternalMetadata } from './external-metadata.js';
export type { SmileToken } from './smile-token.js';
export { SmileApiError, WebhookError } from './errors.js';
export type { SmileApiErrorCode, SmileApiErrorDetails, WebhookErrorCode } from './errors.js';
export { createLinkTokenHandler } from './token-handler.js';
export type { LinkTokenHandlerOptions, LinkTokenUser } from './token-handler.js';
export { createWebhookHandler } from './webhook-handler.js';
export type { SmileWebhookHandlers, WebhookHandlerOptions } from './webhook-handler.js';
export { createRedisStore } from './redis-store.js';
export type { RedisClientLike, RedisStoreOptions } from './redis-store.js';
export {
  DEFAULT_WEBHOOK_MAX_AGE_MS,
  isKnownWebhookEvent,
  parseWebhook,
  SMILE_SIGNATURE_HEADER,
  SMILE_WEBHOOK_TYPES,
  signWebhook,
} from './webhook.js';
export type { HeadersLike, ParseWebhookOptions, RawBody } from './webhook.js';
export { createMemoryDedupeStore, createWebhookDeduper } from './webhook-dedupe.js';
export type { DedupeStore, RateLimitStore, WebhookDeduper, WebhookDeduperOptions } from './webhook-dedupe.js';
export type * from './webhook-events.js';
export type { LinkToken } from '../shared/token.js';
