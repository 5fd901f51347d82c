/**
 * A STAND-IN for Smile's `smile.v2.js`, written from Smile's docs (no network in tests, and the
 * real SDK is not public source). It follows what the docs say and nothing more:
 * - a global constructor `new SmileLinkModal(options)` with one method, `open()`
 *   (SmileAPI/smile-openapi docs/english/api-reference/Chapter-4.md, the sample);
 * - options `userToken`, `templateId` and the widget options of docs/english/Chapter-4.md
 *   ("Configuration parameters");
 * - the callbacks of docs/english/api-reference/Chapter-3.md ("List of Callbacks"), with their
 *   documented payloads; `onClose({ reason })` as in api-reference/Chapter-4.md and
 *   SmileAPI/quickstart frontend/index.html;
 * - "launches a modal window" (Chapter-4.md): it renders a small modal of its own, appended to
 *   `document.body`, as a widget SDK does.
 * Tests reach every instance through `window.smileStandIn` and can fire any callback. Its DOM is
 * built with DOM calls and CSSOM styles only (it runs under the strict-CSP tests).
 */
import { ACCOUNT } from './fixtures';

type Callback = (payload?: unknown) => void;
type Options = Record<string, unknown> & { userToken: string };

export interface StandInInstance {
  readonly options: Options;
  /** How many times open() was called. */
  opened: number;
  /** The modal's root, once open. */
  root?: HTMLElement;
  /** Calls the callback `name` with `payload`, as Smile's SDK would. */
  trigger(name: string, payload?: unknown): void;
}

declare global {
  interface Window {
    smileStandIn: { instances: StandInInstance[] };
    SmileLinkModal?: unknown;
  }
}

function el(tag: string, css: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag);
  for (const [property, value] of Object.entries(css)) element.style.setProperty(property, value);
  element.append(...children);
  return element;
}

const BUTTON = {
  font: 'inherit',
  padding: '10px 14px',
  'border-radius': '10px',
  border: '1px solid #cbd5e1',
  background: '#fff',
  cursor: 'pointer',
};
const PRIMARY = { ...BUTTON, background: '#0b7a5a', color: '#fff', border: '0' };

export class StandInSmileLinkModal implements StandInInstance {
  readonly options: Options;
  opened = 0;
  root?: HTMLElement;

  constructor(options: Options) {
    if (typeof options?.userToken !== 'string') throw new TypeError('SmileLinkModal: userToken is required');
    this.options = options;
    window.smileStandIn.instances.push(this);
  }

  trigger(name: string, payload?: unknown) {
    (this.options[name] as Callback | undefined)?.(payload);
  }

  open() {
    this.opened++;
    const body = el('div', { padding: '20px', display: 'grid', gap: '10px' });
    const close = el(
      'button',
      { ...BUTTON, position: 'absolute', top: '12px', right: '12px', padding: '4px 10px' },
      '×',
    );
    close.setAttribute('aria-label', 'Close');
    close.dataset.standIn = 'close';
    close.addEventListener('click', () => this.trigger('onClose', { reason: 'close' }));
    const title = el('h2', { margin: '0', 'font-size': '18px' }, 'Smile Wink (stand-in)');
    title.id = 'stand-in-title';
    const dialog = el(
      'div',
      {
        position: 'relative',
        width: 'min(380px, 100vw - 32px)',
        'min-height': '420px',
        background: '#fff',
        'border-radius': '18px',
        'box-shadow': '0 24px 64px rgba(0,0,0,.35)',
        font: '15px/1.45 system-ui, sans-serif',
        color: '#0f172a',
      },
      el('div', { padding: '18px 20px', 'border-bottom': '1px solid #e2e8f0' }, title),
      close,
      body,
    );
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', title.id);
    this.root = el(
      'div',
      {
        position: 'fixed',
        inset: '0',
        display: 'flex',
        'align-items': 'center',
        'justify-content': 'center',
        background: 'rgba(0, 0, 0, 0.5)',
        'z-index': '1000',
      },
      dialog,
    );
    this.root.dataset.smileStandIn = String(window.smileStandIn.instances.indexOf(this));
    document.body.append(this.root);
    this.#providers(body);
  }

  #screen(body: HTMLElement, eventName: string, ...children: HTMLElement[]) {
    body.replaceChildren(...children);
    this.trigger('onUIEvent', {
      eventName,
      eventTime: new Date().toISOString(),
      mode: 'SANDBOX',
      userId: ACCOUNT.userId,
      account: {},
      archive: {},
    });
    (body.querySelector('button') as HTMLElement | null)?.focus();
  }

  #providers(body: HTMLElement) {
    const pick = el('button', BUTTON, 'Upwork');
    pick.dataset.standIn = 'provider';
    pick.addEventListener('click', () => this.#login(body));
    this.#screen(body, 'ProviderListPageOpened', el('p', { margin: '0' }, 'Pick your employment data provider.'), pick);
  }

  #login(body: HTMLElement) {
    const signIn = el('button', PRIMARY, 'Sign in');
    signIn.dataset.standIn = 'sign-in';
    signIn.addEventListener('click', () => {
      this.trigger('onAccountCreated', { ...ACCOUNT });
      this.trigger('onAccountConnected', { ...ACCOUNT });
      this.#connected(body);
    });
    this.#screen(body, 'LoginPageOpened', el('p', { margin: '0' }, 'Sign in to Upwork (any credentials).'), signIn);
  }

  #connected(body: HTMLElement) {
    const done = el('button', PRIMARY, 'Done');
    done.dataset.standIn = 'done';
    done.addEventListener('click', () => this.trigger('onClose', { reason: 'exit' }));
    this.#screen(body, 'ConnectSuccessPageOpened', el('p', { margin: '0' }, 'Account connected.'), done);
  }
}

window.smileStandIn ??= { instances: [] };
window.SmileLinkModal = StandInSmileLinkModal;
