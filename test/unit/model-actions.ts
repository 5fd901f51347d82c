/**
 * Performs one model-test action (model-scenario.ts) on a World: the host's calls, fetch answers,
 * widget messages, dismissals, time, and the page removing our element.
 */
import { vi } from 'vitest';
import type { LinkToken } from '../../src/host/index';
import { makeToken, sent, widget } from './harness';
import type { Action, TokenKind } from './model-scenario';
import type { World } from './model-world';

/** A token as the host would hand one over: fresh, already expired, or one this link already sent. */
function token(world: World, n: number, kind: TokenKind, lifeMs = 60_000): LinkToken {
  if (kind === 'expired') return makeToken(-1000);
  if (kind === 'production') return makeToken(lifeMs, { mode: 'PRODUCTION' });
  const t = world.links[n]!;
  const old = kind === 'reused' && sent.find((m) => m.type !== 'close' && world.ownerOf(m.iframe) === t);
  return old ? ({ ...old.payload } as unknown as LinkToken) : makeToken(lifeMs);
}

function answer(world: World, n: number, a: Extract<Action, { kind: 'fetch' }>) {
  const call = world.links[n]!.calls.find((c) => !c.settled && !c.hung && c.signal.aborted === a.late);
  if (!call) return;
  if (a.outcome === 'hang') {
    call.hung = true;
    return;
  }
  call.settled = true;
  if (a.outcome === 'reject') call.reject(new Error('token endpoint down'));
  else call.resolve(token(world, n, a.outcome, a.lifeMs));
}

function say(world: World, n: number, a: Extract<Action, { kind: 'say' }>) {
  const frames = world.framesOf(world.links[n]!);
  const frame = a.from === 'older' ? frames.at(-2) : frames.at(-1);
  const src = frame?.getAttribute('src');
  if (!frame || !src) return; // no page loaded in it: nothing can speak
  let data: unknown;
  if ('raw' in a.message) data = a.message.raw;
  else {
    const { type, payload, reload } = a.message;
    if (type === 'ready' && a.from !== 'forged' && world.readyFrames.has(frame) !== Boolean(reload)) return;
    if (type === 'ready') world.readyFrames.add(frame);
    data = { wink: 1, type, payload };
  }
  const origin = a.from === 'forged' ? 'https://evil.example' : new URL(src).origin;
  if (a.from === 'current' && 'type' in a.message && a.message.type === 'close') {
    world.cause(world.links[n]!, (a.message.payload as { reason?: string }).reason ?? 'widget');
  }
  widget.post(data, { origin, source: frame.contentWindow });
}

function remove(world: World, n: number, what: 'element' | 'container' | 'body') {
  world.cause('all', 'removed');
  if (what === 'body') {
    document.body.innerHTML = '<main>re-rendered by the app</main>';
    return world.installOpener();
  }
  const t = world.links[n]!;
  if (what === 'container') return t.container?.remove();
  world.hostOf(world.currentFrame(t))?.remove();
}

export async function play(world: World, a: Action) {
  if (a.kind === 'open') return void world.open(a.spec);
  if (a.kind === 'time') return vi.advanceTimersByTimeAsync(a.ms);
  if (a.kind === 'sleep') {
    vi.setSystemTime(Date.now() + a.ms);
    return void document.dispatchEvent(new Event('visibilitychange'));
  }
  if (a.kind === 'focusOpener') return world.opener.focus();
  const t = world.links[a.link % world.links.length];
  if (!t) return;
  switch (a.kind) {
    case 'show':
      if (t.spec.prepared) t.link.open();
      return;
    case 'close':
      world.cause(t, 'host');
      return t.link.close();
    case 'destroy':
      return world.destroy(t);
    case 'refresh':
      if (a.next === 'none') return world.refresh(t);
      return world.refresh(t, a.next === 'fetcher' ? world.fetcher(t) : token(world, t.n, a.next));
    case 'fetch':
      return answer(world, t.n, a);
    case 'say':
      return say(world, t.n, a);
    case 'dismiss': {
      if (a.how === 'escape') {
        world.cause('all', 'escape');
        const key = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
        return void document.dispatchEvent(key);
      }
      if (a.how === 'button') world.cause(t, 'button');
      const host = world.hostOf(world.framesOf(t).at(a.how === 'button' ? -1 : -2));
      host?.shadowRoot?.querySelector<HTMLButtonElement>('button.close')?.click();
      return;
    }
    case 'remove':
      return remove(world, t.n, a.what);
  }
}
