// wink-link/svelte in real Chromium, as a Svelte 5 app gets it: test/svelte-app (runes, a
// history router) against the packed package, under Vite's dev server and as a production
// build, served on its own origin with the test widget on another (test/support/spa-checks.ts).
import { afterAll, beforeAll } from 'vitest';
import type { PackedProject } from '../support/pack';
import { buildApp, installApp, serveBuild, serveDev } from '../support/spa';
import { describeAppChecks } from '../support/spa-checks';

let project: PackedProject;
beforeAll(() => {
  // Svelte and its Vite plugin are the app's own (optional peer of wink-link): the repo's, linked.
  project = installApp('svelte-app', ['svelte', '@sveltejs/vite-plugin-svelte']);
  buildApp(project);
}, 180_000);
afterAll(() => project?.remove());

describeAppChecks('a Svelte app under the Vite dev server', () => serveDev(project));
describeAppChecks('a Svelte app, production build', () => serveBuild(project));
