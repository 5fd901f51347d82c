import { connect } from 'wink-link/widget';
import { h } from '../dom';
import { LinkFailed, sandboxApi, type Account, type Uploaded } from './api';
import { providerList, type WidgetOptions } from './options';
import type { Provider } from './providers';
import { createSession, type Session } from './session';
import { sendUiEvent, type UiEventContext, type UiEventName } from './ui-events';
import * as views from './views';

/**
 * The sandbox Wink widget: pick a payroll provider, sign in (any credentials; the password
 * "wrong" fails), see and remove connected accounts, or upload payslips. Everything it does goes
 * through the mock Smile API with its Link token, and is reported to the host the way Smile's
 * widget reports it (callbacks, onUIEvent names, onClose reasons).
 */
type Screen =
  | { name: 'home' }
  | { name: 'signIn'; provider: Provider }
  | { name: 'connecting'; provider: Provider }
  | { name: 'connected'; account: Account }
  | { name: 'failed'; provider: Provider; errorCode: string }
  | { name: 'upload' }
  | { name: 'uploaded'; uploaded: Uploaded };

declare const __HOST_ORIGIN__: string;

const app = document.getElementById('app')!;
// Only the demo's host page may open this widget (and receive what the user does in it).
const conn = connect({ allowedOrigins: [__HOST_ORIGIN__] });
let options: WidgetOptions = {};
let mode: string | undefined;
let screen: Screen = { name: 'home' };
let accounts: Account[] = [];
let query = '';
let shownStatus: Session['status'] | undefined;

conn.on('init', (init) => {
  options = init.widgetOptions ?? {};
  mode = init.mode;
});
const session = createSession(conn, (s) => {
  if (s.status === 'active' && shownStatus === 'verifying') {
    void loadAccounts();
    // "Passing just one provider id will skip the selection list" (Chapter-4.md:250).
    const [only, ...others] = providerList(options);
    show(only && others.length === 0 ? { name: 'signIn', provider: only } : { name: 'home' });
  }
  // A token renewed in place must not reset the screen (or what the user typed): only the
  // verifying ↔ ready switch redraws the body; the rest is the footer and the overlay.
  if ((s.status === 'verifying') !== (shownStatus === 'verifying')) render();
  else renderChrome();
});

/** The onUIEvent each screen opens with, when Smile documents one. */
function uiEvent(next: Screen): [UiEventName, Partial<UiEventContext>] | undefined {
  switch (next.name) {
    case 'home':
      return ['ProviderListPageOpened', {}];
    case 'signIn':
      return ['LoginPageOpened', { account: { providerId: next.provider.id } }];
    case 'connected':
      return [
        'ConnectSuccessPageOpened',
        { account: { providerId: next.account.providerId, accountId: next.account.accountId } },
      ];
    case 'upload':
      return ['FileTypePageOpened', {}];
    case 'uploaded':
      return ['ArchiveSuccessPageOpened', { archive: { archiveId: next.uploaded.archiveId, fileType: 'PAYSLIP' } }];
  }
}

function show(next: Screen) {
  screen = next;
  const event = uiEvent(next);
  if (event) sendUiEvent(conn, event[0], { mode, userId: session.userId, ...event[1] });
  render();
}

async function loadAccounts() {
  accounts = await session.use(sandboxApi.listAccounts).catch(() => accounts);
  render();
}

async function connectAccount(chosen: Provider, username: string, password: string) {
  show({ name: 'connecting', provider: chosen });
  try {
    const account = await session.use((token) => sandboxApi.addAccount(token, chosen.id, username, password));
    const ids = { accountId: account.accountId, userId: account.userId, providerId: account.providerId };
    conn.send('accountCreated', ids);
    // A real widget syncs the payroll data before it calls the account connected.
    await new Promise((resolve) => setTimeout(resolve, 600));
    conn.send('accountConnected', ids);
    accounts = [...accounts, account];
    show({ name: 'connected', account });
  } catch (error) {
    if (!(error instanceof LinkFailed)) return show({ name: 'signIn', provider: chosen });
    const { accountId, userId, providerId, errorCode } = error.account;
    conn.send('accountCreated', { accountId, userId, providerId });
    // Smile's onAccountError carries the documented errorCode and no message (Chapter-3.md:137-157).
    conn.send('accountError', { accountId, userId, providerId, errorCode });
    show({ name: 'failed', provider: chosen, errorCode });
  }
}

async function removeAccount(account: Account) {
  await session.use((token) => sandboxApi.removeAccount(token, account.accountId));
  accounts = accounts.filter((a) => a.accountId !== account.accountId);
  conn.send('accountRemoved', { accountId: account.accountId, userId: account.userId, providerId: account.providerId });
  render();
}

async function upload(count: number) {
  const uploaded = await session.use((token) => sandboxApi.upload(token, count));
  conn.send('uploadsCreated', { userId: uploaded.userId, uploads: uploaded.uploads });
  show({ name: 'uploaded', uploaded });
}

const context = (): views.ViewContext => ({
  options,
  providers: providerList(options),
  accounts,
  query,
  setQuery: (q) => (query = q),
  pick: (p) => show({ name: 'signIn', provider: p }),
  signIn: (p, username, password) => void connectAccount(p, username, password),
  remove: (a) => void removeAccount(a),
  home: () => show({ name: 'home' }),
  startUpload: () => show({ name: 'upload' }),
  upload: (n) => void upload(n),
  close: (reason) => conn.send('close', { reason }),
});

function body(): Node[] {
  if (session.status === 'verifying')
    return [h('div', { class: 'center' }, h('div', { class: 'spinner' }), h('p', {}, 'Securing your session…'))];
  const ctx = context();
  switch (screen.name) {
    case 'home':
      return views.homeView(ctx);
    case 'signIn':
      return views.signInView(ctx, screen.provider);
    case 'connecting':
      return views.connectingView(screen.provider);
    case 'connected':
      return views.connectedView(ctx, screen.account);
    case 'failed':
      return views.failedView(ctx, screen.provider, screen.errorCode);
    case 'upload':
      return views.uploadView(ctx);
    case 'uploaded':
      return views.uploadedView(ctx, screen.uploaded);
  }
}

const main = h('div', { class: 'body' });
const footer = h('footer', {});
const overlay = h(
  'div',
  { class: 'expired', role: 'alert', hidden: true },
  h('div', { class: 'spinner' }),
  h('strong', {}, 'Session expired, reconnecting…'),
  h('span', {}, 'Hold on, your place is kept.'),
);
app.append(
  h(
    'header',
    {},
    h('span', { class: 'brand' }, h('b', {}, 'W'), 'wink'),
    h('span', { class: 'badge' }, 'Sandbox'),
    // Smile's onClose reason `close`: "the user clicked the Close icon" (Chapter-3.md:127).
    h(
      'button',
      { class: 'close', type: 'button', 'aria-label': 'Close', onClick: () => conn.send('close', { reason: 'close' }) },
      '×',
    ),
  ),
  main,
  footer,
  overlay,
);

/** Redraws the screen. */
function render() {
  main.dataset.screen = session.status === 'verifying' ? 'verifying' : screen.name;
  main.replaceChildren(...body());
  // Provider colours come from data, set through CSSOM (no inline style attributes).
  main.querySelectorAll<HTMLElement>('[data-color]').forEach((el) => {
    el.style.setProperty('--brand', el.dataset.color!);
  });
  renderChrome();
}

/** Session status around the screen: the footer and the "expired" overlay. */
function renderChrome() {
  shownStatus = session.status;
  footer.replaceChildren('Secured by Wink', session.renewals > 0 ? ` · session renewed ${session.renewals}×` : '');
  overlay.hidden = session.status !== 'expired';
}

render();
