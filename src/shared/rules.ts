/**
 * The few validation rules the browser SDK needs, as plain type guards. zod/mini did this job
 * for about 6 kB gzip, more than half of the script-tag budget; these accept exactly what the
 * zod reference schemas in test/support/zod-reference.ts accept (a property test proves it).
 * Node code (`wink-link/server`) keeps zod.
 */
export type Rule<T> = (value: unknown) => value is T;

declare const optionalKey: unique symbol;
/** A rule whose key may be absent; only the type differs from a plain rule. */
export type Optional<T> = Rule<T | undefined> & { readonly [optionalKey]: true };

export type Shape = Record<string, Rule<unknown>>;

type Guarded<R> = R extends Rule<infer T> ? T : never;
type OptionalKeys<S> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];

/** What an object rule accepts: the shape's keys, optional ones marked `?`. */
export type Infer<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Guarded<S[K]>;
} & { [K in OptionalKeys<S>]?: Exclude<Guarded<S[K]>, undefined> } extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

export interface ObjectRule<S extends Shape> extends Rule<Infer<S>> {
  readonly shape: S;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own property only: a polluted Object.prototype cannot fill in a missing key (or option). */
export const own = (value: unknown, key: string): unknown =>
  isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;

/** Length in UTF-16 units, as `String.length` counts (and zod's length checks). */
export const string =
  (min = 0, max = Infinity, pattern?: RegExp): Rule<string> =>
  (value): value is string =>
    typeof value === 'string' && value.length >= min && value.length <= max && (!pattern || pattern.test(value));

/** A finite number in [min, max]: NaN fails both comparisons. */
export const number =
  (min: number, max: number): Rule<number> =>
  (value): value is number =>
    typeof value === 'number' && value >= min && value <= max;

export const boolean: Rule<boolean> = (value): value is boolean => typeof value === 'boolean';

export const oneOf =
  <const T extends readonly string[]>(...values: T): Rule<T[number]> =>
  (value): value is T[number] =>
    values.includes(value as string);

export const optional = <T>(rule: Rule<T>): Optional<T> =>
  ((value: unknown) => value === undefined || rule(value)) as Optional<T>;

export const arrayOf =
  <T>(rule: Rule<T>, max = Infinity): Rule<T[]> =>
  (value): value is T[] => {
    if (!Array.isArray(value) || value.length > max) return false;
    // Every index, holes included (`every` would skip them; zod reads them as undefined).
    for (let i = 0; i < value.length; i++) if (!rule(value[i])) return false;
    return true;
  };

export type Checked<T> = { data: T } | { invalidKey: string };

/**
 * Checks `value` against `shape`, reading each key once (a getter cannot pass, then change):
 * the copy of what passed (the shape's keys only), or the first key that failed ('' when
 * `value` is no object).
 */
export function check<S extends Shape>(shape: S, value: unknown): Checked<Infer<S>> {
  if (!isObject(value)) return { invalidKey: '' };
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const field = own(value, key);
    if (!shape[key]!(field)) return { invalidKey: key };
    if (field !== undefined) data[key] = field;
  }
  return { data: data as Infer<S> };
}

/** An object with (at least) the shape's keys, each passing its rule. Other keys are not looked at. */
// The annotation lets the bundler drop schemas nobody uses (the widget's, in the host bundle).
export const object = /* #__NO_SIDE_EFFECTS__ */ <S extends Shape>(shape: S): ObjectRule<S> =>
  Object.assign((value: unknown): value is Infer<S> => 'data' in check(shape, value), { shape });
