/**
 * wink-link/react: `useWinkLink`, a hook that owns a prepared Wink Link for a component.
 * React (18 or 19) is a peer dependency of this entry only; nothing of it is bundled.
 */
export { useWinkLink } from './use-wink-link.js';
export type { UseWinkLink, UseWinkLinkOptions } from './use-wink-link.js';
export type { ElementRef, LinkView } from '../bindings/owner.js';
