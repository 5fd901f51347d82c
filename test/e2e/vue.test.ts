// wink-link/vue in each engine, as a Vue app gets it: test/vue-app (single-file components,
// a history router) against the packed package, under Vite's dev server and as a production
// build, served on its own origin with the test widget on another (test/support/spa-checks.ts).
import { beforeAll } from 'vitest';
import { serveBuild, serveDev } from '../support/spa';
import { type AppProject, preparedApp } from '../support/spa-project';
import { describeAppChecks } from '../support/spa-checks';

let project: AppProject;
beforeAll(() => {
  // Vue and its SFC plugin are the app's own (optional peer of wink-link): the repo's, linked.
  project = preparedApp({ app: 'vue-app', linked: ['vue', '@vitejs/plugin-vue'], builds: ['production'] });
}, 180_000);

describeAppChecks('a Vue app under the Vite dev server', () => serveDev(project));
describeAppChecks('a Vue app, production build', () => serveBuild(project));
