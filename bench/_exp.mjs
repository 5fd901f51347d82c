import { startBench, median, within } from './support.js';
const b = await startBench({ ackWidget: true });
const V = {
  bare: (a) => new Promise((res0) => { let resolve = res0;
    const [url, mode] = a; const t0 = performance.now(); const origin = new URL(url).origin;
    const iframe = document.createElement('iframe');
    if (mode.includes('sandbox')) { iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox'); }
    if (mode.includes('ref')) iframe.setAttribute('referrerpolicy', 'strict-origin');
    const on = (e) => { if (e.source !== iframe.contentWindow) return; const d = e.data;
      if (d.type === 'ready') iframe.contentWindow.postMessage({ wink:1, type:'init', payload:{ accessToken:'a'+Math.random(), mode:'SANDBOX', expiresAt:new Date(Date.now()+6e5).toISOString(), sdkVersion:'x'}}, origin);
      else if (d.type==='event') { removeEventListener('message', on); iframe.remove(); resolve(performance.now()-t0); } };
    addEventListener('message', on);
    if (mode.includes('spin')) { const sp = document.createElement('div'); sp.style.cssText='width:36px;height:36px;border:3px solid #eee;border-top-color:#45e;border-radius:50%;animation:spin .8s linear infinite'; if (!document.getElementById('kf')) { const st=document.createElement('style'); st.id='kf'; st.textContent='@keyframes spin{to{transform:rotate(360deg)}}'; document.head.append(st);} document.body.append(sp); const old=resolve; resolve=(v)=>{sp.remove(); old(v);}; }
    if (mode.includes('late')) { document.body.append(iframe); iframe.src = url; } else { iframe.src = url; document.body.append(iframe); }
  }),
  sdk: (a) => new Promise((resolve) => {
    const [url, mode] = a; const t0 = performance.now();
    const tok = { accessToken:'s'+Math.random(), mode:'SANDBOX', expiresAt:new Date(Date.now()+6e5).toISOString() };
    const link = WinkLink.open(mode.includes('obj') ? tok : async () => tok, { widgetUrl: url, refresh: 'manual', ...(mode.includes('inline') ? { container: '#inline' } : {}),
      onEvent: () => { link.destroy(); resolve(performance.now()-t0); } });
  }),
};
const cases = [['bare',''],['bare','late'],['bare','sandbox'],['sdk',''],['sdk','reduce'],['sdk','inline']];
const res = cases.map(() => []);
for (let r = 0; r < 22; r++) for (let i = 0; i < cases.length; i++) { const [k, m] = cases[i]; await b.page.emulateMedia({ reducedMotion: m.includes('reduce') ? 'reduce' : 'no-preference' }); const t = await within(b.page.evaluate(V[k], [b.widgetUrl, m]), 15000, k+m); if (r >= 2) res[i].push(t); }
cases.forEach(([k,m], i) => console.log(k.padEnd(5), m.padEnd(12), median(res[i]).toFixed(1)));
await b.close();
