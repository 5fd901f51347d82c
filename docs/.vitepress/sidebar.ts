// The sidebar, built from the pages that exist: pages written on other branches (the other
// frameworks, the server guide, browsers) appear once they are merged, and a page listed here
// but absent never becomes a dead link. The error pages are listed from the errors table and the
// API reference from TypeDoc's own sidebar, so a new error code or entry needs no edit here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DefaultTheme } from 'vitepress';

const DOCS = join(import.meta.dirname, '..');

type Item = DefaultTheme.SidebarItem;

/** `[text, '/guide/page']` pairs, kept only for the pages that exist. */
function pages(list: Array<[string, string]>): Item[] {
  return list.filter(([, link]) => existsSync(join(DOCS, `${link}.md`))).map(([text, link]) => ({ text, link }));
}

/** One item per error page, in the order of the errors table (its links name the codes). */
function errorPages(): Item[] {
  const index = readFileSync(join(DOCS, 'reference/errors/index.md'), 'utf8');
  const codes = [...index.matchAll(/\]\(\.\/([A-Z_]+)\.md\)/g)].map((m) => m[1]!);
  return codes.map((code) => ({ text: code, link: `/reference/errors/${code}` }));
}

/**
 * The generated API reference: TypeDoc's own sidebar (if built), one group per package entry.
 * TypeDoc nests `wink-link/react` inside `wink-link` (the names read as paths): each entry is
 * lifted to the top, under the name apps import it by.
 */
function apiPages(): Item[] {
  const file = join(DOCS, 'api/typedoc-sidebar.json');
  return existsSync(file) ? entries(JSON.parse(readFileSync(file, 'utf8')) as Item[]) : [];
}

function entries(modules: Item[], parent?: string): Item[] {
  return modules.flatMap((module) => {
    const text = parent ? `${parent}/${module.text}` : module.text!;
    const children = module.items ?? [];
    const nested = children.filter((child) => child.link?.endsWith('/'));
    const own = children.filter((child) => !nested.includes(child));
    return [{ ...module, text, items: own }, ...entries(nested, text)];
  });
}

export function sidebar(): DefaultTheme.Sidebar {
  return {
    '/': [
      {
        text: 'Quick start',
        items: pages([
          ['Script tag', '/guide/script-tag'],
          ['ESM', '/guide/esm'],
          ['React', '/guide/react'],
          ['Vue', '/guide/vue'],
          ['Svelte', '/guide/svelte'],
          ['Angular', '/guide/angular'],
        ]),
      },
      {
        text: 'Guides',
        items: pages([
          ['Lifecycle and refresh', '/guide/lifecycle'],
          ['Ending a link', '/guide/lifecycle-destroy'],
          ['Links in your app', '/guide/in-your-app'],
          ['Token endpoint and webhooks', '/guide/server'],
          ["Smile's hosted widget", '/guide/smile-bridge'],
          ["Migrating from Smile's SDK", '/guide/smile-compat'],
          ['Widget side', '/guide/widget'],
          ['Security', '/guide/security'],
          ['Accessibility', '/guide/accessibility'],
          ['Browsers', '/guide/browsers'],
          ['Mobile webviews', '/guide/mobile-webviews'],
          ['The demo', '/guide/demo'],
          ['Troubleshooting', '/guide/troubleshooting'],
          ['Size and speed', '/guide/size-and-speed'],
        ]),
      },
      {
        text: 'Reference',
        items: [
          ...pages([
            ['Options', '/reference/options'],
            ['Events', '/reference/events'],
          ]),
          { text: 'Errors', link: '/reference/errors/', collapsed: true, items: errorPages() },
          ...pages([['Protocol', '/reference/protocol']]),
          { text: 'API', link: '/api/', collapsed: false, items: apiPages() },
        ],
      },
      { text: 'Project', items: pages([['Development', '/development']]) },
    ],
  };
}
