import type { HostToWidget } from '../shared/messages.js';
import { connect, type ConnectOptions, type WidgetConnection } from '../widget/index.js';
import { showNotice } from './notice.js';
import { ownPage } from './owned-page.js';
import { SMILE_CALLBACKS, toMessage } from './payloads.js';
import type { SmileCallbacks, SmileLinkModalConstructor } from './smile-sdk.js';

/**
 * wink-link/smile: runs Smile's own widget (`smile.v2.js`, global `SmileLinkModal`) inside
 * wink-link's frame. The page this runs in is the bridge page: wink-link's host hands it a
 * token by `init`, the bridge opens Smile's widget with it and reports every one of Smile's
 * callbacks to the host as a protocol message.
 */
export interface BridgeOptions extends Pick<ConnectOptions, 'allowedOrigins' | 'allowAnyOrigin' | 'closeOnEscape'> {
  /** Smile's constructor; default: the global `SmileLinkModal` that smile.v2.js defines, read at `init`. */
  SmileLinkModal?: SmileLinkModalConstructor;
  /** The window to run in; defaults to the global one. */
  window?: Window;
}

export interface SmileBridge {
  /** The protocol connection to the host (its pinned origin, once `init` arrived). */
  readonly connection: WidgetConnection;
  /** Stops listening and removes Smile's widget. */
  destroy(): void;
}

/** Error codes the bridge reports to the host (its `error` event: WIDGET_ERROR, naming the code). */
export type BridgeErrorCode = 'SMILE_SDK_MISSING' | 'SMILE_SDK_FAILED';

/** For the user; the host's `error` event gets the details (they are for developers). */
const NOTICE = [
  'Account linking is unavailable',
  'It could not be loaded. Close this window and try again later.',
] as const;

/** What a thrown value says, without the token (an SDK may echo its options in a message). */
function describe(error: unknown, secret: string): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split(secret).join('[token]').slice(0, 300);
}

/**
 * Connects to the host (`allowedOrigins` required, see wink-link/widget) and runs Smile's widget
 * for every token it is handed. Smile's SDK cannot take a new token in place, so a fresh token
 * (auto refresh, or after Smile reported the old one expired) relaunches Smile's widget: the
 * old one's DOM is removed first and its callbacks are ignored from then on.
 */
export function bridgeSmile(options: BridgeOptions): SmileBridge {
  const win = options.window ?? window;
  const doc = win.document;
  // Smile's modal draws its own Escape handling, if any; ours forwards Escape to the host as `close`.
  const connection = connect({
    allowedOrigins: options.allowedOrigins,
    allowAnyOrigin: options.allowAnyOrigin,
    closeOnEscape: options.closeOnEscape,
    autoResize: false, // Smile's modal is position: fixed; the page's own height says nothing
    window: win,
  } as ConnectOptions);
  const page = ownPage(doc);
  let launch = 0;
  let settings: Pick<HostToWidget['init'], 'templateId' | 'widgetOptions'> = {};

  /** Removes the current widget; its callbacks, should they still fire, count no more. */
  const stop = () => {
    launch++;
    page.clear();
  };

  const fail = (code: BridgeErrorCode, message: string) => {
    stop();
    // Part of the failed launch: the next token's launch clears it with the rest.
    showNotice(doc, ...NOTICE, () => connection.send('close', { reason: 'error' }));
    connection.send('error', { code, message });
  };

  const callbacksFor = (current: number): Required<SmileCallbacks> => {
    const entries = SMILE_CALLBACKS.map((name) => [
      name,
      (arg?: unknown) => {
        if (current !== launch) return;
        const message = toMessage(name, arg);
        if (!message) return console.warn(`[wink-link/smile] Smile's ${name} gave no usable ids; not forwarded.`);
        connection.send(message.type, message.payload as never);
        if (message.type === 'close') stop();
      },
    ]);
    return Object.fromEntries(entries) as Required<SmileCallbacks>;
  };

  const open = (accessToken: string) => {
    stop();
    const current = launch;
    const SmileLinkModal = options.SmileLinkModal ?? (win as unknown as Record<string, unknown>).SmileLinkModal;
    if (typeof SmileLinkModal !== 'function') {
      return fail(
        'SMILE_SDK_MISSING',
        "Smile's widget script (smile.v2.js) did not load on the bridge page: check its <script> tag, the network, and the page's CSP script-src.",
      );
    }
    const failed = (error: unknown) => {
      if (current === launch)
        fail('SMILE_SDK_FAILED', `Smile's SmileLinkModal failed to open: ${describe(error, accessToken)}`);
    };
    try {
      const { templateId, widgetOptions } = settings;
      const opened: unknown = new (SmileLinkModal as SmileLinkModalConstructor)({
        ...widgetOptions,
        ...(templateId && { templateId }),
        userToken: accessToken,
        ...callbacksFor(current),
      }).open();
      // Documented as synchronous; should a version return a promise, its failure counts too.
      if (opened instanceof Promise) opened.catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  connection.on('init', ({ accessToken, templateId, widgetOptions }) => {
    settings = { templateId, widgetOptions };
    open(accessToken);
  });
  connection.on('token', ({ accessToken }) => open(accessToken));
  connection.on('close', stop);

  return {
    connection,
    destroy() {
      connection.destroy();
      stop();
    },
  };
}
