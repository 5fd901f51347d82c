import '../../test/support/smile/stand-in';
import { bridgeSmile } from 'wink-link/smile';

/**
 * The demo's Smile bridge page, on its own origin: what dist/smile-bridge.html does, with the
 * stand-in for Smile's smile.v2.js (test/support/smile/stand-in.ts, written from Smile's docs)
 * where the real script would load: the demo runs without the network.
 */
declare const __HOST_ORIGIN__: string;

bridgeSmile({ allowedOrigins: [__HOST_ORIGIN__] });
