const noop = () => {};

/** Marks a promise handled (the caller may ignore it) and returns it unchanged. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(noop);
  return promise;
}

/** A rejected promise nobody has to catch: for calls whose caller may ignore the result. */
export const rejected = (error: unknown) => handled(Promise.reject<void>(error));

/**
 * A promise settled from outside, once (later calls do nothing), never an unhandled rejection:
 * a launch's `ready`, or what a `refresh()` call waits for.
 */
export interface Deferred {
  readonly promise: Promise<void>;
  /** Resolves, or rejects with `error`. */
  settle(error?: unknown): void;
  /** Settles the same way as `leader`, when it does. */
  follow(leader: Deferred): void;
}

export function deferred(): Deferred {
  let settle!: Deferred['settle'];
  const promise = handled(
    new Promise<void>((resolve, reject) => {
      // A promise settles once: later calls do nothing by themselves.
      settle = (error) => (error ? reject(error) : resolve());
    }),
  );
  return {
    promise,
    settle,
    follow(leader) {
      leader.promise.then(() => settle(), settle);
    },
  };
}
