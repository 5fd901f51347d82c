/**
 * wink-link/server (Node ≥ 20.19): get Link tokens from the Smile API for your users and read its
 * webhooks. No browser code; keep your API key here, never in the page.
 */
export { createSmileClient } from './client.js';
export type { SmileClient, SmileClientOptions, SmileUser } from './client.js';
export { SmileApiError, WebhookError } from './errors.js';
export type { SmileApiErrorCode, WebhookErrorCode } from './errors.js';
export { parseWebhook, signWebhook, WEBHOOK_SIGNATURE_HEADER } from './webhook.js';
export type { HeadersLike, SmileWebhookEvent, UserCreatedEvent } from './webhook.js';
export type { LinkToken } from '../shared/token.js';
