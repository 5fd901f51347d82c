// The browser bundles hold no syntax newer than the browsers wink-link states it supports
// (BROWSER_TARGET in vite.config.ts, docs/guide/browsers.md): compiled down to that target, each
// comes out exactly as compiled for the newest syntax, so nothing in it needed lowering.
// Needs dist/ (`npm run build`; `npm test` builds first).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformWithOxc } from 'vite';
import { describe, expect, it } from 'vitest';
import { BROWSER_TARGET } from '../../vite.config';

const DIST = join(import.meta.dirname, '../../dist');
/** Every script a browser loads: the script-tag files, the ESM entries and their chunks (not the Node server helper). */
const BUNDLES = existsSync(DIST)
  ? readdirSync(DIST).filter((file) => file.endsWith('.js') && file !== 'server.js')
  : [];

/** What `target` makes of `code`: unchanged syntax prints the same as for esnext. */
const compile = async (code: string, target: string | string[]) =>
  (await transformWithOxc(code, 'bundle.js', { target })).code;

describe(`built bundles against ${BROWSER_TARGET.join(', ')}`, () => {
  it('dist/ has the browser bundles', () => {
    expect(BUNDLES).toEqual(expect.arrayContaining(['wink-link.iife.js', 'index.js', 'smile-compat.iife.js']));
  });

  it.each(BUNDLES)('%s needs no syntax lowered for the target', async (file) => {
    const code = readFileSync(join(DIST, file), 'utf8');
    expect(await compile(code, BROWSER_TARGET)).toBe(await compile(code, 'esnext'));
  });

  it('control: a class static block (Safari 16.4) is lowered for the target, so the check can fail', async () => {
    const code = 'export class A { static { this.ready = true; } }';
    expect(await compile(code, BROWSER_TARGET)).not.toBe(await compile(code, 'esnext'));
  });
});
