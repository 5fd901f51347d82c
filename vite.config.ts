/**
 * How the package is made and tested, in one file.
 * - `vite build` (library mode) writes dist/: the ESM entries (host SDK, widget helper, Node
 *   server helper; shared code split into chunks) and the script-tag IIFE (global `WinkLink`).
 *   `npm run build` adds the .d.ts files (tsc) and the IIFE's SRI hash.
 * - `vitest` runs three projects: unit (happy-dom), node, and e2e (real Chromium).
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __WINK_LINK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warn',
  // `vite build` builds the package's two formats (the root index.html is the demo, not built).
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.esm!);
      await builder.build(builder.environments.iife!);
    },
  },
  build: { outDir: 'dist', emptyOutDir: false, target: 'es2022' },
  environments: {
    // For bundlers and Node, unminified (the app's bundler minifies). nanoevents (browser) and
    // zod (wink-link/server only) are bundled: the package has no runtime dependencies. React is
    // the app's own (an optional peer of wink-link/react): never bundled.
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
          },
          formats: ['es'],
        },
        rollupOptions: { external: [/^node:/, /^react($|\/)/] },
      },
    },
    // The script-tag bundle: one minified file that defines the global `WinkLink`.
    iife: {
      consumer: 'client',
      build: {
        lib: { entry: 'src/host/global.ts', formats: ['iife'], name: 'WinkLink', fileName: () => 'wink-link.iife.js' },
      },
    },
  },
  test: {
    projects: [
      {
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
      { test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.{ts,tsx}'] } },
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
