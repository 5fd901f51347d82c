// wink-link/svelte in each engine, as a Svelte 5 app gets it: test/svelte-app (runes, a
// history router) against the packed package, under Vite's dev server and as a production
// build, served on its own origin with the test widget on another (test/support/spa-checks.ts).
import { beforeAll } from 'vitest';
import { serveBuild, serveDev } from '../support/spa';
import { type AppProject, preparedApp } from '../support/spa-project';
import { describeAppChecks } from '../support/spa-checks';

let project: AppProject;
beforeAll(() => {
  // Svelte and its Vite plugin are the app's own (optional peer of wink-link): the repo's, linked.
  project = preparedApp({
    app: 'svelte-app',
    linked: ['svelte', '@sveltejs/vite-plugin-svelte'],
    builds: ['production'],
  });
}, 180_000);

describeAppChecks('a Svelte app under the Vite dev server', () => serveDev(project));
describeAppChecks('a Svelte app, production build', () => serveBuild(project));
