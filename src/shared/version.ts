/** Replaced at build time with package.json's version; 'dev' when run from source (tests). */
declare const __WINK_LINK_VERSION__: string | undefined;

export const SDK_VERSION: string = typeof __WINK_LINK_VERSION__ === 'string' ? __WINK_LINK_VERSION__ : 'dev';
