/** Types for the runtime-neutral suite (plain ESM, so that every runtime runs it as it is). */
export interface CaseResult {
  name: string;
  ok: boolean;
  error?: string;
}
export const cases: ReadonlyArray<readonly [name: string, run: (server: unknown) => Promise<void>]>;
export function runSuite(server: unknown): Promise<CaseResult[]>;
