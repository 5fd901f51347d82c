import { SmileApiError } from './errors.js';

/**
 * A user's `externalMetadata`, as `POST /users` takes it (SmileAPI/smile-openapi openapi-v1.yaml
 * `UserPostRequest` and `ObjectExternalMetadata`): string values only, ASCII only, at most 5 pairs,
 * keys up to 50 and values up to 500 characters.
 */
export type ExternalMetadata = Record<string, string>;

const MAX_PAIRS = 5;
const MAX_KEY = 50;
const MAX_VALUE = 500;
const ASCII = /^[\x20-\x7e]*$/;

function refuse(message: string): never {
  throw new SmileApiError('INVALID_ARGUMENT', `createUser: ${message}`);
}

/** The `POST /users` body for `input`, or INVALID_ARGUMENT naming what to fix (never a value: it may be personal). */
export function validateExternalMetadata(input: unknown): { externalMetadata?: ExternalMetadata } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) refuse('the input must be an object.');
  for (const key of Object.keys(input)) {
    if (key !== 'externalMetadata') {
      refuse(
        `unknown field ${JSON.stringify(key.slice(0, 50))}: Smile's POST /users takes { externalMetadata } only, e.g. createUser({ externalMetadata: { employeeId: 'E-42' } }).`,
      );
    }
  }
  const metadata = (input as { externalMetadata?: unknown }).externalMetadata;
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    refuse('externalMetadata must be an object of string values.');
  const entries = Object.entries(metadata);
  if (entries.length > MAX_PAIRS) refuse(`externalMetadata takes at most ${MAX_PAIRS} pairs, got ${entries.length}.`);
  const copy: ExternalMetadata = {};
  for (const [key, value] of entries) {
    const name = JSON.stringify(key.slice(0, MAX_KEY));
    if (key === '' || key.length > MAX_KEY || !ASCII.test(key))
      refuse(`externalMetadata key ${name} must be 1 to ${MAX_KEY} ASCII characters.`);
    if (typeof value !== 'string') refuse(`externalMetadata.${key} must be a string (Smile allows no nesting).`);
    if (value.length > MAX_VALUE || !ASCII.test(value))
      refuse(`externalMetadata.${key} must be at most ${MAX_VALUE} ASCII characters.`);
    copy[key] = value;
  }
  return { externalMetadata: copy };
}
