// The app's Vite config, as `npm create vite` (svelte-ts) writes it (vite itself is the test runner's).
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default { plugins: [svelte({ configFile: false })] };
