/**
 * The model test's invariants, one named function each: given the World of a run, each returns
 * what it found wrong (nothing: it holds). Each is written from the README's promises, not from
 * the code under test.
 */
import { SPEC_TRANSITIONS, consoleErrors, listeners, sent } from './harness';
import type { Tracked } from './model-types';
import type { World } from './model-world';

const stopped = (t: Tracked) => t.link.state === 'closed' || t.link.state === 'destroyed';

/** At most one fetchToken call in flight per link: called, not answered, its signal not aborted
 * (checked here after each step, and by the fetcher at each call). */
export function oneFetchInFlight(world: World): string[] {
  return world.fetchOverlaps.concat(
    world.links.flatMap((t) => {
      const live = t.calls.filter((call) => !call.settled && !call.signal.aborted).length;
      return live > 1 ? [`link ${t.n}: ${live} fetchToken calls in flight`] : [];
    }),
  );
}

/** destroy() means silence at once: once it returns — called from the run, or from inside any
 * link's listener, abort or focus handler — the link is `destroyed` and none of its listeners
 * runs again, nor its fetchToken (World records those as they happen); and nothing is printed
 * instead: every link has an error listener, so a console.error means a report after destroy. */
export function silentAfterDestroy(world: World): string[] {
  return [...world.lateCalls, ...consoleErrors.map((args) => `printed: ${args.map(String).join(' ').slice(0, 160)}`)];
}

/** Whenever no modal is shown, the page is the page's again: nothing inert, the page's own
 * inline styles exactly as they were, no Escape handler capturing its keys; and no element of a
 * closed or destroyed link is left in it (also when the page removed ours itself). */
export function pageReleasedWithoutModal(world: World): string[] {
  const found: string[] = [];
  const hosts = [...document.querySelectorAll('wink-link')];
  for (const host of hosts) {
    const owner = world.ownerOfHost(host);
    if (!owner) found.push('an element of no link is in the page');
    else if (stopped(owner)) found.push(`an element of link ${owner.n} (${owner.link.state}) is still in the page`);
  }
  const shown = hosts.some((h) => h.getAttribute('data-mode') === 'modal' && !h.hasAttribute('data-hidden'));
  if (shown) return found;
  const inert = [...document.body.children].filter((child) => (child as HTMLElement).inert);
  if (inert.length > 0) found.push(`no modal shown, but ${inert.map((e) => e.tagName).join(', ')} inert`);
  if (document.documentElement.style.cssText !== world.pageStyle.html)
    found.push(`no modal shown, but <html> style is "${document.documentElement.style.cssText}"`);
  if (document.body.style.cssText !== world.pageStyle.body)
    found.push(`no modal shown, but <body> style is "${document.body.style.cssText}"`);
  if ((listeners.active.get('window:keydown:true')?.size ?? 0) > 0)
    found.push('no modal shown, but a capturing keydown listener is left on the window');
  return found;
}

/** Every token is handed over once over all links, to its own link's widget origin (the one of
 * its mode), into that link's current, attached frame, and before it expires. */
export function tokensSentOnceToTheirWidget(world: World): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const [index, m] of sent.entries()) {
    const owner = world.ownerOf(m.iframe);
    const at = world.postedAt[index];
    if (!owner || !at) {
      found.push(`${m.type} posted to a frame of no link`);
      continue;
    }
    if (!at.connected || !at.current) found.push(`link ${owner.n}: ${m.type} posted to a removed or older frame`);
    if (m.type === 'close') {
      const origins = [world.originOf(owner, 'SANDBOX'), world.originOf(owner, 'PRODUCTION')];
      if (!origins.includes(m.targetOrigin)) found.push(`link ${owner.n}: close posted to ${m.targetOrigin}`);
      continue;
    }
    const { accessToken, mode, expiresAt } = m.payload as { accessToken: string; mode: string; expiresAt: string };
    if (seen.has(accessToken)) found.push(`link ${owner.n}: token ${accessToken} sent twice`);
    seen.add(accessToken);
    if (m.targetOrigin !== world.originOf(owner, mode))
      found.push(`link ${owner.n}: a ${mode} token posted to ${m.targetOrigin}`);
    if (Date.parse(expiresAt) <= at.now) found.push(`link ${owner.n}: token ${accessToken} sent after it expired`);
  }
  return found;
}

/** `link.state` moves only along the documented transitions, each one announced. */
export function statesFollowTheSpec(world: World): string[] {
  return world.links.flatMap((t) => {
    const found: string[] = [];
    let state = 'fetching' as Tracked['changes'][number]['from'];
    for (const { from, to } of t.changes) {
      if (from !== state) found.push(`link ${t.n}: stateChange from ${from}, but it was ${state}`);
      if (!SPEC_TRANSITIONS[from].includes(to)) found.push(`link ${t.n}: ${from} → ${to} is not in the spec`);
      state = to;
    }
    // A destroy() from inside the link is silent: not even its stateChange to destroyed.
    const silenced = t.destroyed && t.link?.state === 'destroyed';
    if (t.link && t.link.state !== state && !silenced)
      found.push(`link ${t.n}: state is ${t.link.state}, last announced ${state}`);
    return found;
  });
}

/** A link closes only for a reason the run gave it: the host's close(), the user's Escape or
 * click on the current frame's button, the current widget's own close, the page removing our
 * element, or a failed launch — never an event of an earlier launch. */
export function closedForAReason(world: World): string[] {
  return world.unexplainedCloses;
}

/** The `error` event reports failures; the host's own close() and destroy() are not failures
 * (they reject only the promises that waited: `ready`, `refresh()`). */
export function errorsAreFailures(world: World): string[] {
  return world.errors
    .filter(({ code }) => code === 'CLOSED' || code === 'DESTROYED')
    .map(({ n, code }) => `link ${n}: error event with ${code}`);
}

/** `load` only after an `init` carrying a token went to the widget of that launch, once a launch. */
export function loadFollowsInit(world: World): string[] {
  const found: string[] = [];
  const frames = new Set<HTMLIFrameElement | undefined>();
  for (const { n, frame, initSent } of world.loads) {
    if (!initSent) found.push(`link ${n}: load before its widget got an init with a token`);
    if (frames.has(frame)) found.push(`link ${n}: load twice for one launch`);
    frames.add(frame);
  }
  return found;
}

/** Once everything is destroyed: every launch's `ready` settled, and resolved exactly when that
 * launch emitted `load` (or owed it when destroy() silenced the link); every refresh() settled, resolving only once a token was handed over
 * after it was called; no rejection went unhandled. */
export function everyPromiseSettled(world: World, unhandled: unknown[]): string[] {
  const found = unhandled.map((reason) => `unhandled rejection: ${String(reason)}`);
  for (const t of world.links) {
    for (const [ready, outcome] of t.readies) {
      if (outcome === 'pending') found.push(`link ${t.n}: a ready never settled`);
      if ((outcome === 'resolved') !== (t.loaded.has(ready) || t.silencedLoads.has(ready)))
        found.push(`link ${t.n}: ready ${outcome}, but load was ${t.loaded.has(ready) ? '' : 'not '}emitted`);
    }
    t.refreshes.forEach((call, i) => {
      if (call.outcome === 'pending') found.push(`link ${t.n}: refresh() #${i + 1} never settled`);
      if (call.outcome === 'resolved' && !call.handedOver)
        found.push(`link ${t.n}: refresh() #${i + 1} resolved, but no token was handed over after it`);
    });
  }
  return found;
}

/** When every link is closed or destroyed, nothing of them is left: no timer (the SDK's are the
 * only ones under fake timers), no window/document listener, no element. */
export function nothingLeftWhenAllStopped(timers: number, world: World): string[] {
  if (!world.links.every(stopped)) return [];
  const found: string[] = [];
  if (timers > 0) found.push(`${timers} timer(s) left with every link stopped`);
  if (listeners.count() > 0) found.push(`listeners left with every link stopped: ${listeners.describe().join(', ')}`);
  if (document.querySelector('wink-link')) found.push('an element left with every link stopped');
  return found;
}
