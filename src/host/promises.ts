const noop = () => {};

/** Marks a promise handled (the caller may ignore it) and returns it unchanged. */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(noop);
  return promise;
}

/** A rejected promise nobody has to catch: for calls whose caller may ignore the result. */
export const rejected = (error: unknown) => handled(Promise.reject<void>(error));

/** Waits for `promise` to settle, whichever way, without taking on its failure. */
export const settled = (promise: Promise<unknown>) => promise.then(noop, noop);

/** A launch's `ready`: settled once (later calls do nothing), never an unhandled rejection. */
export interface Readiness {
  readonly promise: Promise<void>;
  readonly pending: boolean;
  /** Resolves, or rejects with `error`. */
  settle(error?: unknown): void;
}

export function readiness(): Readiness {
  let settle: ((error?: unknown) => void) | undefined;
  const promise = handled(
    new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    }),
  );
  return {
    promise,
    get pending() {
      return settle !== undefined;
    },
    settle(error) {
      settle?.(error);
      settle = undefined;
    },
  };
}
