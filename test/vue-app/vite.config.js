// The app's Vite config, as `npm create vue` writes it (vite itself is the test runner's).
import vue from '@vitejs/plugin-vue';

export default { plugins: [vue()] };
