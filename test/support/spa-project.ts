// A framework's test app (test/<framework>-app) as a project of its own, against the packed
// package: copied into a fresh directory with wink-link installed from `npm pack` and the
// framework linked from this repo, checked, then built with Vite (spa.ts serves it).
//
// The project is made once and kept in the temp dir under a hash of everything it is made from:
// the e2e project runs once per engine, and the second and third engines reuse the first one's
// project instead of packing and building again.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { installPacked, ROOT, run } from './pack';

/** Where the app's project is (only its directory is used: it outlives the test run). */
export interface AppProject {
  dir: string;
}

export type BuildMode = 'development' | 'production';

export interface AppRecipe {
  /** The app's directory under test/, e.g. `vue-app`. */
  app: string;
  /** Packages linked from this repo's node_modules: the framework and its Vite plugin, the app's own. */
  linked: string[];
  /** The Vite builds to make (`out-<mode>`). */
  builds: BuildMode[];
  /** A step before the builds, in the project's directory (e.g. a type-check); it throws to fail. */
  check?: (dir: string) => void;
}

const CACHE = join(tmpdir(), 'wink-link-spa');
const DAY_MS = 24 * 60 * 60 * 1000;

/** A hash of the files under `paths` (repo-relative), names and contents, and of `extra`. */
function hashOf(paths: string[], extra: string): string {
  const hash = createHash('sha256').update(extra);
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(relative(ROOT, path)).update(readFileSync(path));
  };
  for (const path of paths) add(join(ROOT, path));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The app's project, installed, checked and built: made on first use and reused while nothing
 * it is made from changed (what `npm pack` packs, the app's sources, the lockfile, this file,
 * the recipe). A project that failed its check or a build is never kept.
 */
export function preparedApp(recipe: AppRecipe): AppProject {
  const key = hashOf(
    [
      'dist',
      'package.json',
      'README.md',
      'LICENSE',
      'package-lock.json',
      `test/${recipe.app}`,
      'test/support/spa-project.ts',
    ],
    JSON.stringify(recipe) + String(recipe.check),
  );
  const dir = join(CACHE, `${recipe.app}-${key}`);
  if (!existsSync(dir)) {
    mkdirSync(CACHE, { recursive: true });
    const project = installApp(recipe);
    try {
      recipe.check?.(project.dir);
      for (const mode of recipe.builds) buildApp(project.dir, mode);
      renameSync(project.dir, dir);
    } catch (error) {
      if (!existsSync(dir)) throw error; // else a concurrent run made the same project first
    } finally {
      project.remove(); // a no-op once renamed
    }
    pruneStale(recipe.app, dir);
  }
  const now = new Date();
  utimesSync(dir, now, now);
  return { dir };
}

/** Drops the app's projects that no run has used for a day (made from older sources). */
function pruneStale(app: string, keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (path !== keep && name.startsWith(`${app}-`) && Date.now() - statSync(path).mtimeMs > DAY_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

/** A fresh project: the packed wink-link installed, the app's sources copied and its framework linked. */
function installApp({ app, linked }: AppRecipe) {
  const project = installPacked(`wink-link-spa-${app}-`);
  cpSync(join(ROOT, 'test', app), project.dir, { recursive: true });
  for (const name of linked) {
    const link = join(project.dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  return project;
}

/** `vite build --mode <mode>` of the app into out-<mode>; NODE_ENV picks the framework's
 * development or production build, as it does for an app. */
function buildApp(dir: string, mode: BuildMode): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'build', '--mode', mode, '--outDir', `out-${mode}`, '--logLevel', 'error'];
  run(process.execPath, args, dir, { ...process.env, NODE_ENV: mode });
}
