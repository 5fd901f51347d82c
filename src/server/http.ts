import { SmileApiError } from './errors.js';

/** How `wink-link/server` reaches the Smile API. */
export interface SmileHttpConfig {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface SmileAnswer {
  body: unknown;
  /** The answer's `Date` header as ISO 8601: the Smile API's clock, for skew correction. */
  serverTime?: string;
}

const EXCERPT_CHARS = 300;

/** The start of a body, for logs; the API key is masked in case an endpoint echoes it. */
function excerpt(text: string, apiKey: string): string {
  const masked = text.split(apiKey).join('[api key]');
  return masked.length > EXCERPT_CHARS ? `${masked.slice(0, EXCERPT_CHARS)}…` : masked;
}

function endpoint(baseUrl: string, path: string): URL {
  // A trailing slash keeps a base path: https://api.example/v1 + tokens → /v1/tokens.
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

/**
 * One authenticated JSON call to the Smile API, with a timeout. Every failure is a
 * SmileApiError; a caller's own abort rejects with the caller's abort reason.
 */
export async function smileRequest(
  config: SmileHttpConfig,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<SmileAnswer> {
  const label = `${method} /${path.split('?')[0]}`;
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const failed = (error: unknown): never => {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) {
      throw new SmileApiError('TIMEOUT', `The Smile API did not answer ${label} within ${config.timeoutMs} ms.`, {
        cause: error,
      });
    }
    throw new SmileApiError(
      'NETWORK_ERROR',
      `Could not reach the Smile API for ${label}: ${(error as Error)?.message ?? error}`,
      { cause: error },
    );
  };

  const headers: Record<string, string> = { authorization: `Bearer ${config.apiKey}`, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await config
    .fetch(endpoint(config.baseUrl, path), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    })
    .catch(failed);
  const text = await response.text().catch(failed);

  if (!response.ok) {
    const bodyExcerpt = excerpt(text, config.apiKey);
    throw new SmileApiError(
      'HTTP_ERROR',
      `The Smile API answered ${label} with HTTP ${response.status}: ${bodyExcerpt || '(empty body)'}`,
      {
        status: response.status,
        bodyExcerpt,
      },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new SmileApiError('INVALID_RESPONSE', `The Smile API answered ${label} with a body that is not JSON.`, {
      status: response.status,
      bodyExcerpt: excerpt(text, config.apiKey),
      cause: error,
    });
  }
  const date = Date.parse(response.headers.get('date') ?? '');
  return { body, serverTime: Number.isNaN(date) ? undefined : new Date(date).toISOString() };
}
