import { h } from '../dom';
import type { Account, Uploaded } from './api';
import type { WidgetOptions } from './options';
import { provider, type Provider } from './providers';

/** The sandbox widget's screens, as DOM built from state; actions come in as callbacks. */
export interface ViewContext {
  options: WidgetOptions;
  providers: Provider[];
  accounts: Account[];
  query: string;
  setQuery(query: string): void;
  pick(p: Provider): void;
  signIn(p: Provider, username: string, password: string): void;
  remove(account: Account): void;
  home(): void;
  startUpload(): void;
  upload(files: number): void;
  /** Smile's onClose reasons: `exit` ("Done" on success), `error` ("Exit" on the error page). */
  close(reason: 'exit' | 'error'): void;
}

const logo = (p: Provider) => h('span', { class: 'logo', 'data-color': p.color, 'aria-hidden': 'true' }, p.name[0]!);
const centered = (...children: Node[]) => [h('div', { class: 'center' }, ...children)];
/** The parts of a screen that are shown (an option may leave one out). */
const shown = (...parts: Array<Node | false | '' | undefined>): Node[] => parts.filter((p): p is Node => !!p);

export function homeView(ctx: ViewContext): Node[] {
  const list = h(
    'ul',
    { class: 'providers' },
    ...ctx.providers.map((p) =>
      h(
        'li',
        { 'data-name': p.name.toLowerCase() },
        h(
          'button',
          { type: 'button', onClick: () => ctx.pick(p) },
          logo(p),
          h('span', { class: 'name' }, p.name),
          h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'),
        ),
      ),
    ),
  );
  const filter = () =>
    list.querySelectorAll('li').forEach((li) => {
      li.hidden = !li.dataset.name!.includes(ctx.query.toLowerCase());
    });
  filter();
  const accounts =
    ctx.accounts.length > 0 &&
    h(
      'section',
      { class: 'accounts', 'aria-label': 'Connected accounts' },
      h('h2', {}, 'Connected'),
      ...ctx.accounts.map((a) =>
        h(
          'div',
          { class: 'account' },
          logo(provider(a.providerId)),
          h('span', { class: 'name' }, provider(a.providerId).name),
          h('button', { class: 'link danger', type: 'button', onClick: () => ctx.remove(a) }, 'Remove'),
        ),
      ),
    );
  const search =
    ctx.options.enableSearchBar !== false &&
    h('input', {
      type: 'search',
      placeholder: `Search ${ctx.providers.length} payroll providers`,
      'aria-label': 'Search providers',
      value: ctx.query,
      onInput: (e: Event) => {
        ctx.setQuery((e.target as HTMLInputElement).value);
        filter();
      },
    });
  const upload =
    ctx.options.enableUpload === true &&
    h(
      'button',
      { class: 'link', type: 'button', onClick: ctx.startUpload },
      'No payroll login? Upload payslips instead',
    );
  return shown(
    accounts,
    h('h1', {}, 'Connect your payroll provider'),
    h('p', { class: 'muted' }, 'Share your income and employment data securely. You can disconnect at any time.'),
    search,
    list,
    upload,
  );
}

export function signInView(ctx: ViewContext, p: Provider): Node[] {
  const form = h(
    'form',
    {
      class: 'sign-in',
      onSubmit: (e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        ctx.signIn(p, String(data.get('username')), String(data.get('password')));
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
  const company = ctx.options.companyName;
  return shown(
    ctx.providers.length > 1 &&
      h('button', { class: 'link back', type: 'button', onClick: ctx.home }, '‹ All providers'),
    h('div', { class: 'provider-head' }, logo(p), h('h1', {}, `Sign in to ${p.name}`)),
    company && h('p', { class: 'company' }, `${company} will receive your income and employment data.`),
    h('p', { class: 'muted' }, 'Sandbox: any credentials work, except the password “wrong”.'),
    form,
  );
}

export function connectingView(p: Provider): Node[] {
  return centered(h('div', { class: 'spinner' }), h('p', {}, `Connecting to ${p.name}…`));
}

export function connectedView(ctx: ViewContext, account: Account): Node[] {
  const p = provider(account.providerId);
  return centered(
    h('div', { class: 'check', 'aria-hidden': 'true' }, '✓'),
    h('h1', {}, `${p.name} connected`),
    h('p', { class: 'muted' }, `Your payroll data is being shared with ${ctx.options.companyName ?? 'the app'}.`),
    h('button', { class: 'primary', type: 'button', onClick: () => ctx.close('exit') }, 'Done'),
    h('button', { class: 'link', type: 'button', onClick: ctx.home }, 'Connect another account'),
  );
}

/** Smile's error page: "Exit" closes the widget with reason `error`. */
export function failedView(ctx: ViewContext, p: Provider, errorCode: string): Node[] {
  return centered(
    h('div', { class: 'cross', 'aria-hidden': 'true' }, '!'),
    h('h1', {}, `Couldn’t connect to ${p.name}`),
    h('p', { class: 'muted' }, `The username or password is incorrect (${errorCode}).`),
    h('button', { class: 'primary', type: 'button', onClick: () => ctx.pick(p) }, 'Try again'),
    h('button', { class: 'link', type: 'button', onClick: () => ctx.close('error') }, 'Exit'),
  );
}

export function uploadView(ctx: ViewContext): Node[] {
  const input = h('input', { type: 'file', name: 'payslips', multiple: true, accept: 'application/pdf,image/*' });
  return [
    h('button', { class: 'link back', type: 'button', onClick: ctx.home }, '‹ All providers'),
    h('h1', {}, 'Upload payslips'),
    h('p', { class: 'muted' }, 'Sandbox: your files stay on this device; only how many you chose is sent.'),
    h(
      'form',
      {
        class: 'sign-in',
        onSubmit: (e: Event) => {
          e.preventDefault();
          if (input.files?.length) ctx.upload(input.files.length);
        },
      },
      h('label', {}, 'Payslips (PDF or photos)', input),
      h('button', { class: 'primary', type: 'submit' }, 'Upload'),
    ),
  ];
}

export function uploadedView(ctx: ViewContext, uploaded: Uploaded): Node[] {
  const n = uploaded.uploads.length;
  return centered(
    h('div', { class: 'check', 'aria-hidden': 'true' }, '✓'),
    h('h1', {}, `${n} payslip${n === 1 ? '' : 's'} received`),
    h('p', { class: 'muted' }, 'They will be read in a moment.'),
    h('button', { class: 'primary', type: 'button', onClick: () => ctx.close('exit') }, 'Done'),
  );
}
