// Debian's Chromium as every test and bench launches it, whichever client drives it
// (puppeteer-core in the e2e tests, playwright-core in the benches): quiet, no sandbox (root in
// CI), no GPU, no background traffic. Headless is each client's own option.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
