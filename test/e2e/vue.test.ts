// wink-link/vue in real Chromium, as a Vue app gets it: test/vue-app (single-file components,
// a history router) against the packed package, under Vite's dev server and as a production
// build, served on its own origin with the test widget on another (test/support/spa-checks.ts).
import { afterAll, beforeAll } from 'vitest';
import type { PackedProject } from '../support/pack';
import { buildApp, installApp, serveBuild, serveDev } from '../support/spa';
import { describeAppChecks } from '../support/spa-checks';

let project: PackedProject;
beforeAll(() => {
  // Vue and its SFC plugin are the app's own (optional peer of wink-link): the repo's, linked.
  project = installApp('vue-app', ['vue', '@vitejs/plugin-vue']);
  buildApp(project);
}, 180_000);
afterAll(() => project?.remove());

describeAppChecks('a Vue app under the Vite dev server', () => serveDev(project));
describeAppChecks('a Vue app, production build', () => serveBuild(project));
