import { startBench, median, within } from './support.js';
const b = await startBench({ ackWidget: true });
const V = {
  bare: ([url, mode]) => new Promise((resolve) => {
    const t0 = performance.now(); const origin = new URL(url).origin;
    const iframe = document.createElement('iframe');
    const on = (e) => { if (e.source !== iframe.contentWindow) return; const d = e.data;
      if (d.type === 'ready') iframe.contentWindow.postMessage({ wink:1, type:'init', payload:{ accessToken:'a'+Math.random(), mode:'SANDBOX', expiresAt:new Date(Date.now()+6e5).toISOString(), sdkVersion:'x'}}, origin);
      else if (d.type==='event') { removeEventListener('message', on); iframe.remove(); resolve(performance.now()-t0); } };
    addEventListener('message', on);
    if (mode.includes('late')) { document.body.append(iframe); iframe.src = url; } else { iframe.src = url; document.body.append(iframe); }
  }),
  sdk: ([url, mode]) => new Promise((resolve) => {
    const t0 = performance.now();
    const tok = { accessToken:'s'+Math.random(), mode:'SANDBOX', expiresAt:new Date(Date.now()+6e5).toISOString() };
    const link = WinkLink.open(tok, { widgetUrl: url, refresh: 'manual', ...(mode.includes('inline') ? { container: '#inline' } : {}),
      onEvent: () => { link.destroy(); resolve(performance.now()-t0); } });
    if (mode.includes('nospin')) { const root = document.querySelector('wink-link').shadowRoot; root.querySelector('.loading').style.display = 'none'; }
  }),
};
const cases = [['bare',''],['bare','late'],['sdk','inline'],['sdk','inline nospin'],['sdk','nospin'],['sdk','']];
const res = cases.map(() => []);
for (let r = 0; r < 24; r++) for (let i = 0; i < cases.length; i++) { const [k, m] = cases[i]; const t = await within(b.page.evaluate(V[k], [b.widgetUrl, m]), 15000, k+m); if (r >= 2) res[i].push(t); }
cases.forEach(([k,m], i) => console.log(k.padEnd(5), m.padEnd(14), median(res[i]).toFixed(1)));
await b.close();
