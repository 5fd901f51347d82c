// The docs site (VitePress): `npm run docs:dev` serves it, `npm run docs:build` builds it into
// docs/.vitepress/dist with the API reference generated first (TypeDoc, docs/api/). Everything
// it needs is in the repository: it builds offline, and its search index is built in (local).
import { defineConfig } from 'vitepress';
import { sidebar } from './sidebar.js';

export default defineConfig({
  title: 'wink-link',
  description: "Launch the Smile API's Wink Widget from any web page and keep its single-use Link token fresh.",
  lang: 'en',
  // Dead links fail the build (VitePress's own check; the demo's localhost URLs aside); anchors are checked by test/e2e/docs-site.test.ts.
  ignoreDeadLinks: 'localhostLinks',
  lastUpdated: false,
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/script-tag' },
      { text: 'Reference', link: '/reference/options' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: sidebar(),
    search: { provider: 'local' },
    outline: [2, 3],
  },
});
