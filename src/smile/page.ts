/**
 * The script of the ready-made bridge page, dist/smile-bridge.html (built to
 * dist/smile-bridge.js, a classic script: it runs after smile.v2.js, which the page loads first).
 * The host origins come from the page's own `<meta name="wink-allowed-origins">`, which only
 * whoever serves the page can write; never from its URL, which the framing page controls.
 */
import { bridgeSmile } from './bridge.js';
import { showNotice } from './notice.js';

const meta = document.querySelector<HTMLMetaElement>('meta[name="wink-allowed-origins"]');
const allowedOrigins = (meta?.content ?? '').split(/\s+/).filter(Boolean);
try {
  bridgeSmile({ allowedOrigins });
} catch (error) {
  // Fails closed: no `ready`, so the host gives up (LOAD_TIMEOUT); the user sees why meanwhile.
  console.error('[wink-link/smile]', error);
  showNotice(
    document,
    'This page is not set up',
    `List the host origins that may open it in smile-bridge.html: <meta name="wink-allowed-origins" content="https://app.example.com">. ${(error as Error).message}`,
  );
}
