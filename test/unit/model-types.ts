/**
 * The vocabulary of the model test (model.test.ts): the links a run opens and what it records of
 * each, and the host code that re-enters the SDK.
 */
import { EVENT_NAMES } from '../../src/host/events';
import type { LinkEventName, LinkState, PreparedLink } from '../../src/host/index';

/** The most links a run opens (the host opening "another link" from a listener included). */
export const MAX_LINKS = 3;

/** Every event a link emits: the model listens to all of them. */
export const EVENTS: LinkEventName[] = EVENT_NAMES;

export type Act = 'close' | 'destroy' | 'refresh' | 'refreshToken' | 'refreshFetcher' | 'show' | 'openAnother';
export type Trigger = LinkEventName | 'abort' | 'focusin' | 'focusout' | 'focus';
/** Host code that calls back into the SDK: on `on` (for stateChange, only when it enters `when`),
 * link `link` does `act`. */
export interface Reaction {
  on: Trigger;
  when?: LinkState;
  link: number;
  act: Act;
}

export interface OpenSpec {
  prepared: boolean;
  inline: boolean;
  /** widgetUrl per token mode: the page loads once the first token says which. */
  perMode: boolean;
  /** A token object instead of a fetchToken function (manual refresh then). */
  tokenSource: boolean;
  auto: boolean;
  refreshLeadMs: number;
  loadTimeoutMs: number;
  fetchTimeoutMs: number;
  attempts: number;
}

export interface FetchCall {
  signal: AbortSignal;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  /** The endpoint never answers this one (only a timeout or an abort ends it). */
  hung: boolean;
}

export type Outcome = 'pending' | 'resolved' | 'rejected';

export interface Tracked {
  n: number;
  link: PreparedLink;
  spec: OpenSpec;
  container?: HTMLElement;
  calls: FetchCall[];
  changes: Array<{ from: LinkState; to: LinkState }>;
  /** destroy() returned, or its stateChange to `destroyed` was heard: nothing of the link may
   * run after that, none of its listeners nor its fetchToken. */
  destroyed: boolean;
  /** Every launch's `ready` promise seen, and those whose launch emitted `load`. */
  readies: Map<Promise<void>, Outcome>;
  loaded: Set<Promise<void>>;
  /** The `ready` of a launch that announced `open` and owes its `load` (due later in that very
   * step), and the launches whose `load` a destroy() from inside that step silenced. */
  loadDue?: Promise<void>;
  silencedLoads: Set<Promise<void>>;
  /** Every refresh() call: how much had been posted when it was made, and how it ended. */
  refreshes: Array<{ sentBefore: number; outcome: Outcome; handedOver?: boolean }>;
  closeReasons: string[];
  /** Close reasons the run gave this link cause for since the last settled step. */
  causes: string[];
}

/** What was true of each posted message at the moment it was posted (parallel to `sent`). */
export interface PostedAt {
  connected: boolean;
  current: boolean;
  now: number;
}

export const DEFAULT_SPEC: OpenSpec = {
  prepared: false,
  inline: false,
  perMode: false,
  tokenSource: false,
  auto: true,
  refreshLeadMs: 10_000,
  loadTimeoutMs: 20_000,
  fetchTimeoutMs: 10_000,
  attempts: 2,
};
