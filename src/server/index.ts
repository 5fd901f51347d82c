/**
 * wink-link/server (Node ≥ 20): get Link tokens from the Smile API for your users and read its
 * webhooks. No browser code; keep your API key here, never in the page.
 */
export { createSmileClient } from './client';
export type { SmileClient, SmileClientOptions, SmileUser } from './client';
export { SmileApiError, WebhookError } from './errors';
export type { SmileApiErrorCode, WebhookErrorCode } from './errors';
export { parseWebhook, signWebhook, WEBHOOK_SIGNATURE_HEADER } from './webhook';
export type { HeadersLike, SmileWebhookEvent, UserCreatedEvent } from './webhook';
export type { LinkToken } from '../token';
