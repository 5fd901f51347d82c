// The test widget: a minimal page built on wink-link/widget. It records what the host sent
// (`window.widgetLog`) and exposes `window.widget` so tests can make it speak.
import { connect } from '../../../src/widget/index';

declare global {
  interface Window {
    widget: ReturnType<typeof connect>;
    widgetLog: Array<{ type: string; accessToken?: string; at: number }>;
  }
}

window.widgetLog = [];
const status = document.getElementById('status')!;
const widget = connect();
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
