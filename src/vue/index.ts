/**
 * wink-link/vue: `useWinkLink`, a composable that owns a prepared Wink Link for a component.
 * Vue (3.3+) is a peer dependency of this entry only; nothing of it is bundled.
 */
export { useWinkLink } from './use-wink-link.js';
export type { UseWinkLink, UseWinkLinkOptions } from './use-wink-link.js';
export type { LinkView } from '../bindings/owner.js';
