// Builds dist/: ESM entries (browser SDK, widget helper, Node server helper), the script-tag
// IIFE (global `WinkLink`), and the .d.ts files beside them.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __WINK_LINK_VERSION__: JSON.stringify(pkg.version) };
// zod and nanoevents are bundled: the SDK's own zod copy runs jitless (see src/zod.ts).
const external = [/^node:/];

rmSync('dist', { recursive: true, force: true });

await build({
  configFile: false,
  logLevel: 'warn',
  define,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    target: 'es2022',
    lib: {
      entry: { index: 'src/index.ts', widget: 'src/widget.ts', server: 'src/server/index.ts' },
      formats: ['es'],
    },
    rollupOptions: { external },
  },
});

await build({
  configFile: false,
  logLevel: 'warn',
  define,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    lib: { entry: 'src/global.ts', formats: ['iife'], name: 'WinkLink', fileName: () => 'wink-link.iife.js' },
  },
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
