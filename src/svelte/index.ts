/**
 * wink-link/svelte: `createWinkLink`, a store that owns a prepared Wink Link for a component.
 * Svelte (5) is a peer dependency of this entry only; the store contract is implemented by hand,
 * so nothing of Svelte is imported at run time.
 */
export { createWinkLink } from './create-wink-link.js';
export type { WinkLinkStore, WinkLinkValue } from './create-wink-link.js';
export type { LinkOwnerOptions as CreateWinkLinkOptions, LinkView } from '../bindings/owner.js';
