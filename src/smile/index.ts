/**
 * wink-link/smile: the bridge that runs Smile's own widget (smile.v2.js) inside wink-link's
 * frame. For your own bridge page; dist/smile-bridge.html is a ready-made one.
 */
export { bridgeSmile, type BridgeErrorCode, type BridgeOptions, type SmileBridge } from './bridge.js';
export type {
  SmileAccountErrorEvent,
  SmileAccountEvent,
  SmileCallbacks,
  SmileCloseReason,
  SmileLinkModalConstructor,
  SmileLinkModalInstance,
  SmileLinkModalOptions,
  SmileUIEvent,
  SmileUploadsEvent,
} from './smile-sdk.js';
export { UNSAFE_ANY_ORIGIN, WinkLinkError, type WinkLinkErrorCode } from '../widget/index.js';
