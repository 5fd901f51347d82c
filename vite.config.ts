/**
 * How the package is made and tested, in one file.
 * - `vite build` (library mode) writes dist/: the ESM entries (host SDK, widget helper, Node
 *   server helper, Smile bridge and drop-in; shared code split into chunks), the script-tag
 *   IIFE (global `WinkLink`), the Smile bridge page (smile-bridge.html + its classic script
 *   smile-bridge.js), the drop-in's own IIFE (global `SmileLinkModal`, a separate file: the
 *   core IIFE stays as it is) and dist/integrity.json, the SRI hash of every script-tag file.
 *   `npm run build` adds the .d.ts files (tsc).
 * - `vitest` runs three projects: unit (happy-dom), node, and e2e (a real browser: the engine WINK_ENGINE names, scripts/test.js runs each).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** The frameworks the bindings import (wink-link/react, /vue, /svelte, /angular): the app's own. */
const FRAMEWORKS = /^(react|vue|svelte|@angular\/[a-z-]+)($|\/)/;

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The oldest browsers the browser bundles are for (docs/guide/browsers.md): `inert` sets Chrome,
 * Edge and Firefox (an older one gets UNSUPPORTED_BROWSER from open()); Safari 16 is the first
 * whose class fields the build need not rewrite. test/node/build-target.test.ts holds dist/ to it.
 */
export const BROWSER_TARGET = ['chrome102', 'edge102', 'firefox112', 'safari16'];

/**
 * Writes dist/integrity.json, `{ "<file>": "sha384-…" }` for every script-tag (IIFE) file: the
 * `integrity` attribute for a page that pins that file on a CDN. Each IIFE build adds its own
 * files to the list (the ESM build, first, empties dist/), so a new script-tag bundle needs no
 * change here. It hashes the bytes as written to disk, exactly what a CDN serves.
 */
function scriptTagIntegrity(): Plugin {
  return {
    name: 'wink-link:script-tag-integrity',
    writeBundle(output, bundle) {
      if (output.format !== 'iife' || !output.dir) return;
      const list = join(output.dir, 'integrity.json');
      const hashes: Record<string, string> = existsSync(list) ? JSON.parse(readFileSync(list, 'utf8')) : {};
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const digest = createHash('sha384').update(readFileSync(join(output.dir, file.fileName)));
        hashes[file.fileName] = `sha384-${digest.digest('base64')}`;
      }
      const sorted = Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => a.localeCompare(b)));
      writeFileSync(list, `${JSON.stringify(sorted, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  define: { __WINK_LINK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warn',
  // In every build environment; it acts on IIFE output only.
  plugins: [scriptTagIntegrity()],
  // `vite build` builds the package's formats (the root index.html is the demo, not built).
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.esm!);
      await builder.build(builder.environments.iife!);
      await builder.build(builder.environments.smileBridge!);
      await builder.build(builder.environments.smileCompat!);
      copyFileSync('src/smile/smile-bridge.html', 'dist/smile-bridge.html');
    },
  },
  build: { outDir: 'dist', emptyOutDir: false, target: BROWSER_TARGET },
  environments: {
    // For bundlers and Node, unminified (the app's bundler minifies). nanoevents (browser) and
    // zod (wink-link/server only) are bundled: the package has no runtime dependencies. The
    // frameworks are the app's own (optional peers of their bindings): never bundled.
    esm: {
      consumer: 'client',
      build: {
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: {
            index: 'src/host/index.ts',
            widget: 'src/widget/index.ts',
            server: 'src/server/index.ts',
            react: 'src/react/index.ts',
            vue: 'src/vue/index.ts',
            svelte: 'src/svelte/index.ts',
            angular: 'src/angular/index.ts',
            smile: 'src/smile/index.ts',
            'smile-compat': 'src/smile/compat/index.ts',
          },
          formats: ['es'],
        },
        rollupOptions: { external: [/^node:/, FRAMEWORKS] },
      },
    },
    // The script-tag bundle: one minified file that defines the global `WinkLink`.
    iife: {
      consumer: 'client',
      build: {
        lib: { entry: 'src/host/global.ts', formats: ['iife'], name: 'WinkLink', fileName: () => 'wink-link.iife.js' },
      },
    },
    // The bridge page's script: a classic script (no module), run after smile.v2.js.
    smileBridge: {
      consumer: 'client',
      build: {
        lib: {
          entry: 'src/smile/page.ts',
          formats: ['iife'],
          name: 'WinkLinkSmileBridge',
          fileName: () => 'smile-bridge.js',
        },
      },
    },
    // wink-link/smile-compat by <script>: the global `SmileLinkModal`, WinkLink's core inside.
    smileCompat: {
      consumer: 'client',
      build: {
        lib: {
          entry: 'src/smile/compat/global.ts',
          formats: ['iife'],
          name: 'SmileLinkModal',
          fileName: () => 'smile-compat.iife.js',
        },
      },
    },
  },
  test: {
    projects: [
      {
        // Svelte components (wink-link/svelte's tests) are compiled as Svelte apps get them, and
        // run against Svelte's browser build (its `mount`).
        plugins: [svelte({ configFile: false })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          // No network: the widget page is never fetched; tests play the widget's part.
          environmentOptions: {
            happyDOM: {
              url: 'https://host.example/',
              settings: {
                disableIframePageLoading: true,
                disableJavaScriptFileLoading: true,
                disableCSSFileLoading: true,
              },
            },
          },
        },
      },
      {
        plugins: [svelte({ configFile: false })],
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.{ts,tsx}'],
          // Real processes (redis-server, Bun, Deno, workerd, two app instances): seconds of
          // work each, which a loaded 2-core machine can stretch past vitest's 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
