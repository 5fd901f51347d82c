import { WinkLink, type AccountEvent, type Link, type LinkToken } from 'wink-link';
import { h } from '../dom';
import { createSessionPanel } from './session-panel';
import { simClock } from './sim-clock';
import { createTimeline } from './timeline';

/**
 * The demo host page: Acme Payroll's "connect your payroll" step, using wink-link the way a
 * host page would. Everything the SDK reports lands on the timeline.
 */
declare const __WIDGET_URL__: string;
/** The demo's wink-link/smile bridge page: Smile's own widget script (a stand-in) in wink-link's frame. */
declare const __SMILE_BRIDGE_URL__: string;

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const timeline = createTimeline($<HTMLOListElement>('#timeline'));
const panel = createSessionPanel();
const accounts = new Map<string, AccountEvent>();
let link: Link | undefined;
let nextFetch: 'fail' | 'hang' | undefined;
let manualRefresh: (() => Promise<void>) | undefined;

const choice = (name: string) => $<HTMLInputElement>(`input[name=${name}]:checked`).value;
const setStatus = (text: string) => ($('#trouble-status').textContent = text);

/** fetchToken: asks our own server (which holds the API key) and hands the SDK its Response. */
async function fetchToken({ signal }: { signal: AbortSignal }): Promise<Response> {
  const simulate = nextFetch;
  nextFetch = undefined;
  if (simulate) setStatus('');
  timeline.add('page', 'fetchToken', simulate ? { simulate } : undefined);
  const response = await fetch(`/api/wink/link-token${simulate ? `?simulate=${simulate}` : ''}`, {
    method: 'POST',
    signal,
  });
  if (response.ok) panel.tokenFetched((await response.clone().json()) as LinkToken, response.headers.get('date'));
  return response;
}

function renderAccounts() {
  const list = $('#accounts');
  if (accounts.size === 0)
    return list.replaceChildren(h('li', { class: 'empty' }, 'None yet. Connect one to continue.'));
  list.replaceChildren(
    ...[...accounts.values()].map((a) =>
      h(
        'li',
        {},
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        h('strong', {}, a.providerId.toUpperCase()),
        h('code', {}, a.accountId),
      ),
    ),
  );
}

function setOpen(open: boolean) {
  $<HTMLButtonElement>('#connect').textContent = open
    ? 'Widget open…'
    : accounts.size
      ? 'Connect another account'
      : 'Connect payroll';
  $<HTMLButtonElement>('#connect').disabled = open;
  $<HTMLButtonElement>('#close-link').disabled = !open;
  $<HTMLButtonElement>('#refresh').disabled = !open;
  $('#inline-slot').hidden = !open || !inlineChosen();
}

/** Smile's widget is a modal of its own: through the bridge, the link is always a modal. */
const smileBridge = () => choice('widget') === 'smile';
const inlineChosen = () => choice('display') === 'inline' && !smileBridge();

function connect() {
  link?.destroy();
  const inline = inlineChosen();
  const refresh = choice('refresh') as 'auto' | 'manual';
  $('#expired-banner').hidden = true;
  setOpen(true);
  link = WinkLink.open(fetchToken, {
    widgetUrl: smileBridge() ? __SMILE_BRIDGE_URL__ : __WIDGET_URL__,
    // Smile's modal is the dialog: no wink-link card around it.
    chrome: smileBridge() ? 'none' : 'card',
    // Smile's widget options: the sandbox widget pins these providers first, names Acme on its
    // sign-in screen, and offers payslip uploads.
    widgetOptions: { topProviders: ['gusto', 'adp'], companyName: 'Acme Payroll', enableUpload: true },
    container: inline ? '#inline-slot' : undefined,
    refresh,
    // Tokens live 60 s in the demo: the next one is fetched 20 s before expiry (at most half
    // the remaining life), so an in-place refresh shows within a minute.
    refreshLeadMs: 20_000,
    fetchTimeoutMs: 5000,
    retry: { baseDelayMs: 1500 },
    onLoad: () => timeline.add('sdk', 'onLoad', undefined, 'good'),
    onClose: (e) => {
      timeline.add('sdk', 'onClose', e);
      setOpen(false);
    },
    onError: (e) => timeline.add('sdk', 'onError', { code: e.code, message: e.message }, 'bad'),
    onEvent: (e) => timeline.add('sdk', 'onEvent', e),
    onAccountCreated: (e) => timeline.add('sdk', 'onAccountCreated', e),
    onAccountConnected: (e) => timeline.add('sdk', 'onAccountConnected', e, 'good'),
    onAccountRemoved: (e) => timeline.add('sdk', 'onAccountRemoved', e, 'warn'),
    onAccountError: (e) => timeline.add('sdk', 'onAccountError', e, 'bad'),
    onUploadsCreated: (e) => timeline.add('sdk', 'onUploadsCreated', e),
    onUploadsRemoved: (e) => timeline.add('sdk', 'onUploadsRemoved', e, 'warn'),
    onTokenExpired: ({ expiredAt, refresh: renew }) => {
      timeline.add('sdk', 'onTokenExpired', { expiredAt }, 'warn');
      panel.expired();
      if (refresh === 'manual') {
        manualRefresh = () => renew();
        $('#expired-banner').hidden = false;
      }
    },
    onStateChange: (e) => {
      timeline.add('sdk', 'onStateChange', e);
      panel.state(e.to);
    },
  });
  // link.on: the same events, for the page's own state (a host would save these server side).
  link.on('accountConnected', (a) => {
    accounts.set(a.accountId, a);
    renderAccounts();
  });
  link.on('accountRemoved', (a) => {
    accounts.delete(a.accountId);
    renderAccounts();
  });
  panel.state(link.state);
  link.ready.then(
    () => timeline.add('page', 'link.ready resolved', undefined, 'good'),
    () => {},
  );
}

async function refreshNow() {
  const run = manualRefresh ?? (() => link!.refresh());
  manualRefresh = undefined;
  $('#expired-banner').hidden = true;
  timeline.add('page', 'link.refresh()');
  await run().catch(() => {}); // failures arrive through onError
}

const trouble: Record<string, () => void | Promise<void>> = {
  async expire() {
    const answer = await fetch('/api/sandbox/expire-token', { method: 'POST' }).then((r) => r.json());
    timeline.add('page', 'Smile sandbox: expire tokens', answer, 'warn');
    setStatus(answer.expired ? 'Token revoked: the widget will notice and report it.' : 'No live token to expire.');
  },
  fail() {
    nextFetch = 'fail';
    setStatus('The next token fetch will fail (HTTP 503).');
  },
  hang() {
    nextFetch = 'hang';
    setStatus('The next token fetch will hang until fetchTimeoutMs (5 s).');
  },
  async redeliver() {
    const answer = await fetch('/api/sandbox/redeliver-webhook', { method: 'POST' }).then((r) => r.json());
    timeline.add('page', 'Smile sandbox: redeliver last webhook', answer ?? undefined, 'warn');
    setStatus(answer ? 'Delivered again: the host server should ignore the duplicate.' : 'No webhook sent yet.');
  },
  sleep() {
    simClock.jump(5 * 60_000);
    timeline.add('page', 'clock jumped +5 min', undefined, 'warn');
    setStatus('');
    renderClock();
  },
};

function renderClock() {
  const minutes = Math.round(simClock.offsetMs / 60_000);
  $('#clock').textContent = minutes ? `page clock +${minutes} min` : '';
}

$('#connect').addEventListener('click', connect);
$('#close-link').addEventListener('click', () => link?.close());
$('#refresh').addEventListener('click', () => void refreshNow());
$('#clear-timeline').addEventListener('click', () => timeline.clear());
document.querySelectorAll<HTMLButtonElement>('[data-trouble]').forEach((button) => {
  button.addEventListener('click', () => void trouble[button.dataset.trouble!]!());
});

// What the host server saw (tokens it issued, Smile's webhooks), next to what the browser saw.
const serverRow: Record<string, (data: Record<string, unknown>) => void> = {
  tokenIssued: (data) => timeline.add('server', 'token issued', data),
  webhook: ({ event }) => {
    const { type } = event as { type: string };
    const tone = /FAILED/.test(type) ? 'bad' : /CONNECTED|ANALYZED/.test(type) ? 'good' : undefined;
    timeline.add('server', `webhook ${type}`, event, tone);
  },
  webhookDuplicate: (data) => timeline.add('server', 'webhook duplicate ignored', data, 'warn'),
  webhookRefused: (data) => timeline.add('server', 'webhook refused', data, 'bad'),
};
new EventSource('/api/server-events').addEventListener('message', (message) => {
  const { type, ...data } = JSON.parse(message.data) as { type: string } & Record<string, unknown>;
  serverRow[type]?.(data);
});

// Wired up: the e2e test waits for this before it clicks.
document.documentElement.dataset.ready = 'true';
