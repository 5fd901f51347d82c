import { expect } from 'vitest';
import { SmileApiError } from '../../src/server/index';

/** Awaits a rejection and returns the SmileApiError it carries. */
export async function failure(promise: Promise<unknown>): Promise<SmileApiError> {
  const error = await promise.then(
    () => expect.unreachable('should have rejected'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmileApiError);
  return error as SmileApiError;
}
