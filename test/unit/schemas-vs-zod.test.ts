/**
 * Differential test: the SDK's hand-written rules (src/schemas.ts) against the same schemas
 * in zod (test/support/zod-reference.ts). Values are built near the edges the rules draw —
 * lengths, bounds, enums, optional keys, wrong types — so most runs land on a boundary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObjectRule, Shape } from '../../src/shared/rules';
import * as ours from '../../src/shared/schemas';
import { parseToken } from '../../src/shared/token';
import * as zod from '../support/zod-reference';

const RUNS = 3000;

const sized = (n: number) => 'x'.repeat(n);
const strings = fc.oneof(
  fc.constantFrom(...[0, 1, 2, 255, 256, 257, 1999, 2000, 2001, 8191, 8192, 8193].map(sized)),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('SANDBOX', 'PRODUCTION', 'sandbox', 'escape', 'ESCAPE', 'close', 'exit', 'error', ''),
);
const dates = fc.oneof(
  fc.date({ min: new Date(0), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-11-26T12:00:00Z',
    '2026-11-26t12:00:00z',
    '2026-11-26T12:00Z',
    '2026-11-26T12:00:00.123456+05:30',
    '2026-11-26T12:00:00',
    '2026-11-26 12:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-11-26T24:00:00Z',
    '2026-11-26T12:60:00Z',
    '2026-11-26T12:00:00+24:00',
    '2026-11-26',
  ),
);
const numbers = fc.oneof(
  fc.constantFrom(-1, -0, 0, 0.5, 100_000, 100_000.5, 100_001, NaN, Infinity, -Infinity),
  fc.double(),
);
const other = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, [], {}, ['x'], { id: 'u' }),
  fc.array(fc.record({ id: strings }, { requiredKeys: [] }), { maxLength: 3 }),
  fc.sparseArray(fc.record({ id: strings }), { maxLength: 4 }),
  // Id lists around topProviders' limit of 10, now and then with a bad id.
  fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 12 }),
  fc.array(
    fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 4 }), weight: 9 }, { arbitrary: strings, weight: 1 }),
    {
      minLength: 8,
      maxLength: 12,
    },
  ),
  fc.array(fc.anything(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }),
);
const anyValue = fc.oneof(strings, dates, numbers, fc.boolean(), other);

type Schema = { shape: Record<string, { safeParse(value: unknown): { success: boolean } }> };

/**
 * An object with some of the schema's keys (and maybe one stranger); each value is mostly one
 * the key's zod schema accepts, else anything from the pools.
 */
const objectNear = ({ shape }: Schema) =>
  fc
    .tuple(
      fc.record(
        Object.fromEntries(
          Object.entries(shape).map(([key, field]) => [
            key,
            fc.oneof(
              { arbitrary: anyValue.filter((v) => field.safeParse(v).success), weight: 4 },
              { arbitrary: anyValue, weight: 1 },
            ),
          ]),
        ),
        { requiredKeys: [] },
      ),
      fc.option(fc.tuple(fc.string({ maxLength: 8 }), anyValue)),
    )
    .map(([object, extra]) => (extra ? { ...object, [extra[0]]: extra[1] } : object));

const inputs = (schema: Schema) =>
  fc.oneof({ arbitrary: objectNear(schema), weight: 8 }, { arbitrary: anyValue, weight: 1 });

type ZodSchema = Schema & { safeParse(value: unknown): { success: boolean } };
type Pair = [name: string, rule: ObjectRule<Shape>, schema: ZodSchema];
const side = (label: string, rules: Record<string, ObjectRule<Shape>>, schemas: Record<string, ZodSchema>) =>
  Object.keys(schemas).map((type): Pair => [`${label} ${type}`, rules[type]!, schemas[type]!]);
const pairs: Pair[] = [
  ['token', ours.tokenSchema, zod.tokenSchema],
  ['widgetOptions', ours.widgetOptionsSchema, zod.widgetOptionsSchema],
  ...side('widget → host', ours.widgetToHost, zod.widgetToHost),
  ...side('host → widget', ours.hostToWidget, zod.hostToWidget),
];

describe('the hand-written rules accept exactly what zod accepts', () => {
  it('covers every message type on both sides', () => {
    expect(Object.keys(ours.widgetToHost).sort()).toEqual(Object.keys(zod.widgetToHost).sort());
    expect(Object.keys(ours.hostToWidget).sort()).toEqual(Object.keys(zod.hostToWidget).sort());
  });

  for (const [name, rule, schema] of pairs) {
    it(name, () => {
      expect(Object.keys(rule.shape)).toEqual(Object.keys(schema.shape));
      const answers = { true: 0, false: 0 };
      fc.assert(
        fc.property(inputs(schema), (value) => {
          const expected = schema.safeParse(value).success;
          answers[`${expected}`]++;
          expect(rule(value)).toBe(expected);
        }),
        { numRuns: RUNS },
      );
      // The generator must reach both answers often, or the comparison proves little.
      expect(Math.min(answers.true, answers.false)).toBeGreaterThan(RUNS / 20);
    }, 30_000); // thousands of generated values: seconds on a busy machine
  }

  it('parseToken reads each field once: a getter cannot pass the check, then change', () => {
    let reads = 0;
    const token = {
      expiresAt: '2026-11-26T12:00:00Z',
      mode: 'SANDBOX',
      get accessToken() {
        return reads++ === 0 ? 'tok_1' : '';
      },
    };
    expect(parseToken(token).accessToken).toBe('tok_1');
    expect(reads).toBe(1);
  });

  it('parseToken returns what zod returns, and names the field zod names first', () => {
    fc.assert(
      fc.property(inputs(zod.tokenSchema), (value) => {
        const expected = zod.tokenSchema.safeParse(value);
        if (expected.success) {
          const parsed = parseToken(value);
          expect(parsed).toEqual(expected.data);
          // Same keys in the same order (toEqual sees neither order nor undefined-valued keys).
          const defined = (object: object) =>
            Object.entries(object)
              .filter(([, v]) => v !== undefined)
              .map(([k]) => k);
          expect(Object.keys(parsed)).toEqual(defined(expected.data));
          return;
        }
        const field = expected.error.issues[0]?.path[0];
        expect(() => parseToken(value)).toThrow(
          typeof field === 'string'
            ? `Invalid Link token: ${field} must be`
            : 'fetchToken must resolve to a Link token',
        );
      }),
      { numRuns: RUNS },
    );
  });
});
