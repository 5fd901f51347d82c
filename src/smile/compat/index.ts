/**
 * wink-link/smile-compat: a drop-in for Smile's `SmileLinkModal` (smile.v2.js) backed by
 * WinkLink.open and the wink-link/smile bridge page. Same option and callback names; add
 * `bridgeUrl`, and `fetchToken` for tokens that refresh themselves.
 */
import { WinkLinkError } from '../../shared/errors.js';
import type { Link } from '../../host/handle.js';
import type { TokenSource } from '../../host/timed-token.js';
import { WinkLink } from '../../host/index.js';
import { rejected } from '../../host/promises.js';
import type { WinkLinkOptions } from '../../host/options.js';
import { translateOptions, type SmileCompatOptions } from './options.js';

export type { SmileCompatOptions } from './options.js';
export type { SmileCloseReason, SmileUIEvent, SmileAccountEvent, SmileAccountErrorEvent } from '../smile-sdk.js';
export type { Link, LinkToken, TokenFetcher, WinkLinkErrorCode } from '../../host/index.js';
export { WinkLinkError };

/**
 * A drop-in for Smile's `SmileLinkModal` (smile.v2.js): the same option and callback names,
 * plus `bridgeUrl` (the wink-link/smile bridge page) and, instead of `userToken`, `fetchToken`
 * for tokens that refresh themselves. Smile's widget runs in wink-link's frame on the bridge's
 * origin.
 *
 * @example
 * ```ts
 * const modal = new SmileLinkModal({
 *   bridgeUrl: 'https://link.example.com/smile-bridge.html',
 *   fetchToken: ({ signal }) => fetch('/api/wink/link-token', { method: 'POST', signal }),
 *   onAccountConnected: ({ accountId }) => console.log('connected', accountId),
 * });
 * modal.open();
 * ```
 */
export class SmileLinkModal {
  /** For `error instanceof SmileLinkModal.WinkLinkError` from the script tag. */
  static readonly WinkLinkError = WinkLinkError;

  readonly #source: TokenSource;
  readonly #options: WinkLinkOptions;
  #link?: Link;

  /** Checks the options at once: a misuse throws WinkLinkError INVALID_OPTIONS, naming the option. */
  constructor(options: SmileCompatOptions) {
    ({ source: this.#source, options: this.#options } = translateOptions(options));
  }

  /** The wink-link session behind the widget (typed events, state), once opened. */
  get link(): Link | undefined {
    return this.#link;
  }

  /**
   * Opens the widget, as Smile's `open()`. While it is open, does nothing. Again after it
   * closed: a new launch with a fresh token from `fetchToken` (a `userToken` is single use).
   */
  open(): void {
    const state = this.#link?.state;
    if (state !== undefined && state !== 'closed' && state !== 'destroyed') return;
    if (state !== undefined && typeof this.#source !== 'function') {
      throw new WinkLinkError(
        'INVALID_OPTIONS',
        'userToken is single use and was used by the first open(): create a new SmileLinkModal with a fresh token, or pass fetchToken.',
      );
    }
    this.#link?.destroy();
    this.#link = WinkLink.open(this.#source, this.#options);
  }

  /** Not in Smile's SDK: closes the widget (onClose gets reason 'close', winkReason 'host'). */
  close(): void {
    this.#link?.close();
  }

  /** Not in Smile's SDK: hands the open widget a fresh token (relaunching Smile's widget with it). */
  refresh(next?: TokenSource): Promise<void> {
    if (!this.#link) return rejected(new WinkLinkError('INVALID_OPTIONS', 'Call open() before refresh().'));
    return this.#link.refresh(next);
  }
}
