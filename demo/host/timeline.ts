import { h } from '../dom';

/** The live event timeline: every SDK callback, page action and host-server event, newest first. */
export type Source = 'sdk' | 'page' | 'server';

const LABEL: Record<Source, string> = { sdk: 'SDK', page: 'page', server: 'server' };
const MAX_ROWS = 300;

function time(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Payloads as compact JSON; long opaque strings (tokens, ids) are shortened, sentences are not. */
function format(payload: unknown): string {
  if (payload === undefined) return '';
  return JSON.stringify(payload, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 48 && !value.includes(' ')
      ? `${value.slice(0, 20)}…${value.slice(-8)}`
      : value,
  );
}

export function createTimeline(list: HTMLOListElement) {
  const empty = list.firstElementChild;
  return {
    add(source: Source, name: string, payload?: unknown, tone?: 'good' | 'warn' | 'bad') {
      empty?.remove();
      const text = format(payload);
      list.prepend(
        h(
          'li',
          { 'data-source': source, 'data-tone': tone, 'data-name': name },
          h('time', {}, time(Date.now())),
          h('span', { class: `chip ${source}` }, LABEL[source]),
          h('strong', {}, name),
          text && text !== '{}' ? h('code', {}, text) : '',
        ),
      );
      while (list.children.length > MAX_ROWS) list.lastElementChild!.remove();
    },
    clear() {
      list.replaceChildren(...(empty ? [empty] : []));
    },
  };
}
