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

/** Length in UTF-16 units, as `String.length` counts (and zod's length checks). */
export const string = (min = 0, max = Infinity, pattern?: RegExp): Rule<string> =>
  (value): value is string =>
    typeof value === 'string' && value.length >= min && value.length <= max && (!pattern || pattern.test(value));

/** A finite number in [min, max]: NaN fails both comparisons. */
export const number = (min: number, max: number): Rule<number> =>
  (value): value is number => typeof value === 'number' && value >= min && value <= max;

export const oneOf = <const T extends readonly string[]>(...values: T): Rule<T[number]> =>
  (value): value is T[number] => values.includes(value as string);

export const optional = <T>(rule: Rule<T>): Optional<T> =>
  ((value: unknown) => value === undefined || rule(value)) as Optional<T>;

export const arrayOf = <T>(rule: Rule<T>): Rule<T[]> =>
  (value): value is T[] => Array.isArray(value) && value.every(rule);

/** The first key of `shape` whose rule `value` fails: '' if `value` is no object, undefined if valid. */
export function invalidKey(shape: Shape, value: unknown): string | undefined {
  if (!isObject(value)) return '';
  return Object.keys(shape).find((key) => !shape[key]!(value[key]));
}

/** An object with (at least) the shape's keys, each passing its rule. Other keys are not looked at. */
// The annotation lets the bundler drop schemas nobody uses (the widget's, in the host bundle).
export const object = /* #__NO_SIDE_EFFECTS__ */ <S extends Shape>(shape: S): ObjectRule<S> =>
  Object.assign((value: unknown): value is Infer<S> => invalidKey(shape, value) === undefined, { shape });

/** A copy of `value` with only the shape's keys: what passed validation and nothing else. */
export function pick<S extends Shape>(rule: ObjectRule<S>, value: Infer<S>): Infer<S> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(rule.shape)) {
    if ((value as Record<string, unknown>)[key] !== undefined) picked[key] = (value as Record<string, unknown>)[key];
  }
  return picked as Infer<S>;
}
