import { connect } from 'wink-link/widget';
import { h } from '../dom';
import { sandboxApi, type Account } from './api';
import { PROVIDERS, provider, type Provider } from './providers';
import { createSession, type Session } from './session';

/**
 * The sandbox Wink widget: pick a payroll provider, sign in (any credentials), see and remove
 * connected accounts. Everything it does goes through the mock Smile API with its Link token.
 */
type Screen =
  | { name: 'home' }
  | { name: 'signIn'; provider: Provider }
  | { name: 'connecting'; provider: Provider }
  | { name: 'connected'; account: Account };

declare const __HOST_ORIGIN__: string;

const app = document.getElementById('app')!;
// Only the demo's host page may open this widget (and receive what the user does in it).
const conn = connect({ allowedOrigins: [__HOST_ORIGIN__] });
let screen: Screen = { name: 'home' };
let accounts: Account[] = [];
let query = '';
let shownStatus: Session['status'] | undefined;
const session = createSession(conn, (s) => {
  if (s.status === 'active' && shownStatus === 'verifying') void loadAccounts();
  // A token renewed in place must not reset the screen (or what the user typed): only the
  // verifying ↔ ready switch redraws the body; the rest is the footer and the overlay.
  if ((s.status === 'verifying') !== (shownStatus === 'verifying')) render();
  else renderChrome();
});

function show(next: Screen) {
  screen = next;
  conn.send('event', { name: 'SCREEN_VIEWED', metadata: { screen: next.name } });
  render();
}

async function loadAccounts() {
  accounts = await session.use(sandboxApi.listAccounts).catch(() => accounts);
  render();
}

async function connectAccount(chosen: Provider) {
  show({ name: 'connecting', provider: chosen });
  try {
    const account = await session.use((token) => sandboxApi.addAccount(token, chosen.id));
    const ids = { accountId: account.accountId, userId: account.userId, providerId: account.providerId };
    conn.send('accountCreated', ids);
    // A real widget syncs the payroll data before it calls the account connected.
    await new Promise((resolve) => setTimeout(resolve, 600));
    conn.send('accountConnected', ids);
    accounts = [...accounts, account];
    show({ name: 'connected', account });
  } catch {
    show({ name: 'signIn', provider: chosen });
  }
}

async function removeAccount(account: Account) {
  await session.use((token) => sandboxApi.removeAccount(token, account.accountId));
  accounts = accounts.filter((a) => a.accountId !== account.accountId);
  conn.send('accountRemoved', { accountId: account.accountId, userId: account.userId, providerId: account.providerId });
  render();
}

const logo = (p: Provider) => h('span', { class: 'logo', 'data-color': p.color, 'aria-hidden': 'true' }, p.name[0]!);

function homeView() {
  const list = h(
    'ul',
    { class: 'providers' },
    ...PROVIDERS.map((p) =>
      h(
        'li',
        { 'data-name': p.name.toLowerCase() },
        h(
          'button',
          {
            type: 'button',
            onClick: () => {
              conn.send('event', { name: 'PROVIDER_SELECTED', metadata: { providerId: p.id } });
              show({ name: 'signIn', provider: p });
            },
          },
          logo(p),
          h('span', { class: 'name' }, p.name),
          h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'),
        ),
      ),
    ),
  );
  const filter = () =>
    list.querySelectorAll('li').forEach((li) => {
      li.hidden = !li.dataset.name!.includes(query.toLowerCase());
    });
  filter();
  return [
    accounts.length > 0 &&
      h(
        'section',
        { class: 'accounts', 'aria-label': 'Connected accounts' },
        h('h2', {}, 'Connected'),
        ...accounts.map((a) =>
          h(
            'div',
            { class: 'account' },
            logo(provider(a.providerId)),
            h('span', { class: 'name' }, provider(a.providerId).name),
            h('button', { class: 'link danger', type: 'button', onClick: () => void removeAccount(a) }, 'Remove'),
          ),
        ),
      ),
    h('h1', {}, 'Connect your payroll provider'),
    h('p', { class: 'muted' }, 'Share your income and employment data securely. You can disconnect at any time.'),
    h('input', {
      type: 'search',
      placeholder: `Search ${PROVIDERS.length} payroll providers`,
      'aria-label': 'Search providers',
      value: query,
      onInput: (e: Event) => {
        query = (e.target as HTMLInputElement).value;
        filter();
      },
    }),
    list,
  ];
}

function signInView(p: Provider) {
  const form = h(
    'form',
    {
      class: 'sign-in',
      onSubmit: (e: Event) => {
        e.preventDefault();
        void connectAccount(p);
      },
    },
    h('label', {}, 'Username', h('input', { name: 'username', value: 'sandbox_user', autocomplete: 'off' })),
    h(
      'label',
      {},
      'Password',
      h('input', { name: 'password', type: 'password', value: 'sandbox', autocomplete: 'off' }),
    ),
    h('button', { class: 'primary', type: 'submit' }, `Connect ${p.name}`),
  );
  return [
    h('button', { class: 'link back', type: 'button', onClick: () => show({ name: 'home' }) }, '‹ All providers'),
    h('div', { class: 'provider-head' }, logo(p), h('h1', {}, `Sign in to ${p.name}`)),
    h('p', { class: 'muted' }, 'Sandbox: any credentials work. Nothing leaves this machine.'),
    form,
  ];
}

function centered(...children: Node[]) {
  return [h('div', { class: 'center' }, ...children)];
}

function body(): Array<Node | false> {
  if (session.status === 'verifying')
    return centered(h('div', { class: 'spinner' }), h('p', {}, 'Securing your session…'));
  switch (screen.name) {
    case 'home':
      return homeView();
    case 'signIn':
      return signInView(screen.provider);
    case 'connecting':
      return centered(h('div', { class: 'spinner' }), h('p', {}, `Connecting to ${screen.provider.name}…`));
    case 'connected': {
      const p = provider(screen.account.providerId);
      return centered(
        h('div', { class: 'check', 'aria-hidden': 'true' }, '✓'),
        h('h1', {}, `${p.name} connected`),
        h('p', { class: 'muted' }, 'Your payroll data is being shared with Acme.'),
        h('button', { class: 'primary', type: 'button', onClick: () => conn.send('close', {}) }, 'Done'),
        h(
          'button',
          { class: 'link', type: 'button', onClick: () => show({ name: 'home' }) },
          'Connect another account',
        ),
      );
    }
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
    h('button', { class: 'close', type: 'button', 'aria-label': 'Close', onClick: () => conn.send('close', {}) }, '×'),
  ),
  main,
  footer,
  overlay,
);

/** Redraws the screen. */
function render() {
  main.dataset.screen = session.status === 'verifying' ? 'verifying' : screen.name;
  main.replaceChildren(...body().filter((n): n is Node => n !== false));
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
