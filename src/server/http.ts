import * as z from 'zod/mini';
import { SmileApiError } from './errors.js';
import { BodyTooLarge, readCapped } from './read-capped.js';

/**
 * One call to the Smile Open API, as SmileAPI/smile-openapi documents it
 * (docs/english/api-reference/Chapter-2.md): HTTP Basic auth with `base64(apiKeyId:apiKeySecret)`
 * (:119-131), and every answer wrapped as `{ code, message, requestId, data }` (:180-187), errors
 * included (openapi-v1.yaml `components.responses.Standard-Errors`).
 */
export interface SmileHttpConfig {
  baseUrl: string;
  /** The value of the Authorization header: `Basic base64(id:secret)`. */
  authorization: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Masks the credentials in any text that goes into an error. */
  redact: (text: string) => string;
}

export interface SmileAnswer {
  /** The envelope's `data`. */
  data: unknown;
  requestId?: string | undefined;
  /** The answer's `Date` header as ISO 8601: the Smile API's clock, for skew correction. */
  serverTime?: string | undefined;
}

/** No Smile answer comes near this (a Token is ~1 KB); a larger body is an error page or an attack. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const EXCERPT_CHARS = 300;

const text = z.optional(z.string());
/** The envelope (Chapter-2.md:182-187, `code` required by openapi-v1.yaml CommonResponse); `data` is checked per endpoint. */
const envelopeSchema = z.looseObject({
  code: z.string(),
  message: text,
  requestId: text,
  data: z.optional(z.unknown()),
});

function endpoint(baseUrl: string, path: string): URL {
  // A trailing slash keeps a base path: https://sandbox.smileapi.io/v1 + tokens → /v1/tokens.
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The origin a redirect points to, and nothing of its path or query (which may echo anything). */
function redirectOrigin(location: string | null, from: URL): string {
  try {
    return location ? new URL(location, from).origin : '(no Location header)';
  } catch {
    return '(an invalid Location header)';
  }
}

/**
 * Every failure is a SmileApiError whose texts went through `config.redact`; a caller's own
 * abort rejects with the caller's abort reason.
 */
export async function smileRequest(
  config: SmileHttpConfig,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; signal?: AbortSignal | undefined } = {},
): Promise<SmileAnswer> {
  const label = `${method} /${path.split('?')[0]}`;
  const url = endpoint(config.baseUrl, path);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const excerpt = (body: string) => {
    const masked = config.redact(body);
    return masked.length > EXCERPT_CHARS ? `${masked.slice(0, EXCERPT_CHARS)}…` : masked;
  };
  const failed = (error: unknown, status?: number): never => {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof BodyTooLarge) {
      throw new SmileApiError(
        'RESPONSE_TOO_LARGE',
        `The Smile API's answer to ${label} is larger than ${error.maxBytes} bytes; not read further. Check baseUrl points at the Smile API.`,
        { status },
      );
    }
    if (timeout.aborted) {
      throw new SmileApiError('TIMEOUT', `The Smile API did not answer ${label} within ${config.timeoutMs} ms.`, {
        status,
        cause: error,
      });
    }
    const reason = error instanceof Error ? `${error.message}${causeText(error)}` : String(error);
    throw new SmileApiError('NETWORK_ERROR', `Could not reach the Smile API for ${label}: ${config.redact(reason)}`, {
      status,
    });
  };

  const headers: Record<string, string> = { authorization: config.authorization, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await config
    .fetch(url, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      // A redirect would re-send the credentials (and the body) to wherever it points.
      redirect: 'manual',
      signal,
    })
    .catch((error: unknown) => failed(error));

  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => {});
    const target = config.redact(redirectOrigin(response.headers.get('location'), url));
    throw new SmileApiError(
      'UNEXPECTED_REDIRECT',
      `The Smile API answered ${label} with a redirect (HTTP ${response.status}) to ${target}; not followed, so your credentials stay put. Check baseUrl (use SMILE_SANDBOX_API_URL or SMILE_PRODUCTION_API_URL).`,
      { status: response.status },
    );
  }
  const body = await readCapped(response, MAX_ANSWER_BYTES).catch((error: unknown) => failed(error, response.status));
  const json = parseJson(body);
  const parsed = envelopeSchema.safeParse(json);
  const envelope = parsed.success ? parsed.data : undefined;
  // Smile's code, message and requestId reach the error masked and cut short: an echo is not trusted.
  const field = (value: string | undefined) => (value === undefined ? undefined : excerpt(value));
  const ids = { status: response.status, smileCode: field(envelope?.code), requestId: field(envelope?.requestId) };

  if (!response.ok) {
    const smile = envelope ? ` ${ids.smileCode}${envelope.message ? `: ${field(envelope.message)}` : ''}` : '';
    const request = ids.requestId ? ` (requestId ${ids.requestId})` : '';
    const bodyExcerpt = excerpt(body);
    throw new SmileApiError(
      'HTTP_ERROR',
      `The Smile API answered ${label} with HTTP ${response.status}${smile || `: ${bodyExcerpt || '(empty body)'}`}${request}.`,
      { ...ids, bodyExcerpt },
    );
  }
  if (!envelope || !Object.hasOwn(json as object, 'data')) {
    throw new SmileApiError(
      'INVALID_RESPONSE',
      `The Smile API answered ${label} with a body that is not its envelope { code, message, requestId, data }. Check baseUrl points at the Smile Open API (…/v1).`,
      { ...ids, bodyExcerpt: excerpt(body) },
    );
  }
  const date = Date.parse(response.headers.get('date') ?? '');
  return {
    data: envelope.data,
    requestId: ids.requestId,
    serverTime: Number.isNaN(date) ? undefined : new Date(date).toISOString(),
  };
}

/** Node's fetch says "fetch failed" and puts the reason (ECONNREFUSED…) in `cause`. */
function causeText(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}
