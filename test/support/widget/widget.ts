// The test widget: a minimal page built on wink-link/widget. It records what the host sent
// (`window.widgetLog`) and exposes `window.widget` so tests can make it speak. The host origins
// it accepts come from its page's `<meta name="wink-allowed-origins">` (filled in by the test
// server, never by the framing page); without one it calls connect() with the defaults, and
// records why that refused to start (`window.connectError`).
import { connect, type WinkLinkError } from '../../../src/widget/index';

declare global {
  interface Window {
    widget: ReturnType<typeof connect>;
    widgetLog: Array<{ type: string; accessToken?: string; at: number }>;
    connectError?: { code: string; message: string };
  }
}

window.widgetLog = [];
const status = document.getElementById('status')!;
const meta = document.querySelector<HTMLMetaElement>('meta[name="wink-allowed-origins"]');
let widget: ReturnType<typeof connect>;
try {
  widget = connect(meta ? { allowedOrigins: meta.content.split(/\s+/).filter(Boolean) } : ({} as never));
} catch (error) {
  const { code, message } = error as WinkLinkError;
  window.connectError = { code, message };
  status.textContent = `Not started: ${code}`;
  throw error;
}
window.widget = widget;

widget.on('init', (payload) => {
  window.widgetLog.push({ type: 'init', accessToken: payload.accessToken, at: Date.now() });
  status.textContent = `Connected to ${widget.hostOrigin} (${payload.mode})`;
});
widget.on('token', (payload) => {
  window.widgetLog.push({ type: 'token', accessToken: payload.accessToken, at: Date.now() });
  status.textContent = 'Token refreshed';
});
widget.on('close', () => window.widgetLog.push({ type: 'close', at: Date.now() }));

document.getElementById('connect')!.addEventListener('click', () => {
  widget.send('accountConnected', { accountId: 'acc_1', userId: 'user_1', providerId: 'acme_payroll' });
});
