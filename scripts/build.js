// Builds dist/: ESM entries (browser SDK, widget helper, Node server helper), the script-tag
// IIFE (global `WinkLink`), and the .d.ts files beside them.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __WINK_LINK_VERSION__: JSON.stringify(pkg.version) };
// nanoevents (browser) and zod (wink-link/server only) are bundled: no runtime dependencies.
const external = [/^node:/];

rmSync('dist', { recursive: true, force: true });

/** One vite library build into dist/, with the settings every entry shares. */
const buildLib = (options) =>
  build({
    configFile: false,
    logLevel: 'warn',
    define,
    build: { outDir: 'dist', emptyOutDir: false, target: 'es2022', ...options },
  });

// ESM for bundlers and Node, unminified (the app's bundler minifies).
await buildLib({
  minify: false,
  lib: {
    entry: { index: 'src/index.ts', widget: 'src/widget.ts', server: 'src/server/index.ts' },
    formats: ['es'],
  },
  rollupOptions: { external },
});

// The script-tag bundle: one minified file that defines the global `WinkLink`.
await buildLib({
  lib: { entry: 'src/global.ts', formats: ['iife'], name: 'WinkLink', fileName: () => 'wink-link.iife.js' },
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
