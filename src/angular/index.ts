/**
 * wink-link/angular: `injectWinkLink`, an inject function that owns a prepared Wink Link for a
 * component, with signals. Angular (17+) is a peer dependency of this entry only; plain
 * functions, no decorators: it ships without the Angular compiler.
 */
export { injectWinkLink } from './inject-wink-link.js';
export type { InjectWinkLink, InjectWinkLinkOptions } from './inject-wink-link.js';
export type { LinkView } from '../bindings/owner.js';
