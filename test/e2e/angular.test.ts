// wink-link/angular in each engine: test/angular-app (zoneless, signals, a history router)
// built by plain Vite (JIT) against the packed package, under the dev server and as a
// production build, served on its own origin with the test widget on another
// (test/support/spa-checks.ts).
import { beforeAll } from 'vitest';
import { serveBuild, serveDev } from '../support/spa';
import { type AppProject, preparedApp } from '../support/spa-project';
import { describeAppChecks } from '../support/spa-checks';

let project: AppProject;
beforeAll(() => {
  // Angular is the app's own (optional peer of wink-link): the repo's, linked.
  const angular = ['core', 'common', 'compiler', 'platform-browser'].map((name) => `@angular/${name}`);
  project = preparedApp({ app: 'angular-app', linked: [...angular, 'rxjs'], builds: ['production'] });
}, 180_000);

describeAppChecks('an Angular app under the Vite dev server', () => serveDev(project));
describeAppChecks('an Angular app, production build', () => serveBuild(project));
