// Issue 13 item 7: opened from inside a host's own modal — a native `<dialog>` shown with
// showModal(), or a focus-trapping one (the `focus-trap` package). While a modal <dialog> is
// open, everything outside it is inert, a top-layer popover appended to <body> included: the
// widget showed but could take no focus and no click. The modal now mounts inside the
// top-most modal dialog and keeps every page-lock duty there.
import { beforeAll, expect, it } from 'vitest';
import { type Frame, focused, host, openLink, type Page, useE2E, widgetFrame } from '../support/e2e';

const e2e = useE2E();

beforeAll(() => {
  e2e.origins.host.route('/tabbable.js', 'node_modules/tabbable/dist/index.umd.min.js');
  e2e.origins.host.route('/focus-trap.js', 'node_modules/focus-trap/dist/focus-trap.umd.min.js');
});

/** Host markup: a settings panel (`tag`) with a Connect button and another button. */
async function settingsPanel(page: Page, tag: 'dialog' | 'div') {
  await page.evaluate((tag) => {
    const panel = document.createElement(tag);
    panel.id = 'settings';
    if (tag === 'div') Object.assign(panel, { role: 'dialog', ariaModal: 'true', ariaLabel: 'Settings' });
    const button = (id: string, text: string) =>
      Object.assign(document.createElement('button'), { id, type: 'button', textContent: text });
    panel.append(button('connect', 'Connect payroll'), button('other', 'Other setting'));
    document.body.append(panel);
  }, tag);
}

/** Focuses #connect and presses Enter: its click handler (set by the test) runs. */
async function enterOnConnect(page: Page) {
  await page.evaluate(() => document.getElementById('connect')!.focus());
  await page.press('Enter');
}

/** Presses Enter on #connect, whose click handler opens the link; returns the widget's frame. */
async function pressConnect(page: Page): Promise<Frame> {
  await enterOnConnect(page);
  await page.evaluate(() => (window as any).opened);
  return widgetFrame(page, e2e.origins.widget.url);
}

/** The widget takes focus and clicks. */
async function expectUsable(page: Page, frame: Frame) {
  await expect.poll(() => focused(page)).toBe('wink-link>iframe');
  await expect.poll(() => frame.evaluate(() => document.hasFocus())).toBe(true);
  await frame.click('#connect');
  await expect.poll(() => host.names(page)).toContain('accountConnected');
}

/** Focuses our dialog (on the host page) and presses Escape. */
async function escapeFromOurDialog(page: Page) {
  await page.evaluate(() =>
    (document.querySelector('wink-link')!.shadowRoot!.querySelector('[role=dialog]') as HTMLElement).focus(),
  );
  await page.press('Escape');
}

/** A host page with its settings panel shown as a modal <dialog>; its #connect opens the link. */
async function dialogPage(): Promise<Page> {
  const page = await e2e.newPage();
  await settingsPanel(page, 'dialog');
  await page.evaluate((widgetUrl) => {
    const w = window as any;
    const dialog = document.getElementById('settings') as HTMLDialogElement;
    dialog.addEventListener('close', () => (w.dialogClosed = true));
    document.getElementById('connect')!.addEventListener('click', () => (w.opened = w.harness.open({ widgetUrl })));
    dialog.showModal();
  }, e2e.origins.widgetUrl);
  return page;
}

it("opened from a host's modal <dialog>: usable, page locked, Escape closes ours only, focus returns", async () => {
  const page = await dialogPage();

  const frame = await pressConnect(page);
  await expectUsable(page, frame);
  // The page lock, inside the dialog: its other controls inert, the page not scrollable.
  expect(await page.evaluate(() => (document.getElementById('other') as HTMLElement).inert)).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');

  // Escape on the host page closes ours, not the host's dialog; focus returns to the button.
  await escapeFromOurDialog(page);
  expect(await host.state(page)).toBe('closed');
  expect(
    await page.evaluate(() => [
      (window as any).dialogClosed === true,
      (document.getElementById('settings') as HTMLDialogElement).open,
    ]),
  ).toEqual([false, true]);
  expect(await focused(page)).toBe('connect');
  expect(await page.evaluate(() => (document.getElementById('other') as HTMLElement).inert)).toBe(false);
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();

  // Escape inside the widget (forwarded by it) does the same.
  const again = await pressConnect(page);
  await expect.poll(() => focused(page)).toBe('wink-link>iframe');
  await expect.poll(() => again.evaluate(() => document.hasFocus())).toBe(true);
  await page.press('Escape'); // to the focused widget, which forwards it
  await expect.poll(() => host.state(page)).toBe('closed');
  expect(await page.evaluate(() => (document.getElementById('settings') as HTMLDialogElement).open)).toBe(true);
  expect(await focused(page)).toBe('connect');

  // Control: with ours gone, Escape is the host dialog's again.
  await page.press('Escape');
  await expect.poll(() => page.evaluate(() => (window as any).dialogClosed)).toBe(true);
});

it('the host closes its <dialog> while ours is inside: ours closes (removed) and gives the page back', async () => {
  const page = await dialogPage();
  await pressConnect(page);
  await expect.poll(() => focused(page)).toBe('wink-link>iframe');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');

  // The host's own code closes its dialog (a timeout, a route change): ours is in it, unseen.
  await page.evaluate(() => (document.getElementById('settings') as HTMLDialogElement).close());
  await expect.poll(() => host.state(page)).toBe('closed');
  expect((await host.calls(page)).filter(([name]) => name === 'close')).toEqual([['close', { reason: 'removed' }]]);
  expect(await host.mounted(page)).toBe(0);
  expect(
    await page.evaluate(() => [
      (document.getElementById('other') as HTMLElement).inert,
      document.documentElement.getAttribute('style'),
    ]),
  ).toEqual([false, null]);
  // Escape is the page's again: ours no longer takes it.
  const taken = await page.evaluate(() => {
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(taken).toBe(false);
});

/**
 * A host modal (a div) whose focus is trapped by the `focus-trap` package; its #connect opens
 * the link, pausing the trap meanwhile when `pause` (what the README asks of such a host).
 */
async function focusTrapPage(pause: boolean): Promise<Page> {
  const page = await e2e.newPage();
  for (const src of ['/tabbable.js', '/focus-trap.js'])
    await page.evaluate(
      (src) =>
        new Promise((loaded) =>
          document.head.append(Object.assign(document.createElement('script'), { src, onload: loaded })),
        ),
      src,
    );
  await settingsPanel(page, 'div');
  await page.evaluate(
    ([widgetUrl, pause]) => {
      const w = window as any;
      // focus-trap handles Tab on the document, capturing, and Escape there too (bubbling).
      const trap = w.focusTrap.createFocusTrap('#settings', { onDeactivate: () => (w.trapDeactivated = true) });
      w.trap = trap;
      document.getElementById('connect')!.addEventListener('click', () => {
        if (pause) trap.pause();
        w.opened = w.harness.open({ widgetUrl });
        if (pause) w.link.on('close', () => trap.unpause());
      });
      trap.activate();
    },
    [e2e.origins.widgetUrl, pause] as const,
  );
  return page;
}

// Its own test, and the last step in it: Tab past the widget's one control leaves the page, where
// nothing else may take focus. Firefox then moves focus to its own toolbar, and its automation
// cannot bring it back (WebDriver BiDi input goes to the page; bringToFront, focus() and clicks
// leave it there); headless Chromium has no toolbar and wraps. Firefox and WebKit also stop on
// the host's <dialog> element itself, which is no control.
it.each([
  ['modal <dialog>', dialogPage],
  ['focus-trapping modal (trap paused)', () => focusTrapPage(true)],
])("opened from a host's %s, Tab and Shift+Tab from the widget never reach the host's controls", async (_, open) => {
  const page = await open();
  await pressConnect(page);
  await expect.poll(() => focused(page)).toBe('wink-link>iframe');
  const reached = new Set<string | undefined>();
  for (let i = 0; i < 6; i++) {
    await page.press(i % 2 ? 'Shift+Tab' : 'Tab');
    reached.add(await focused(page));
  }
  expect([...reached].filter((name) => name === 'connect' || name === 'other')).toEqual([]);
});

it('opened from a focus-trapping host modal that pauses its trap meanwhile (as the README says)', async () => {
  const page = await focusTrapPage(true);
  const frame = await pressConnect(page);
  await expectUsable(page, frame);
  await escapeFromOurDialog(page);
  expect(await host.state(page)).toBe('closed');
  expect(await page.evaluate(() => (window as any).trapDeactivated)).toBeUndefined();
  expect(await focused(page)).toBe('connect');
  // The trap is back at work: Tab cycles within the host's modal.
  expect(await page.evaluate(() => (window as any).trap.paused)).toBe(false);
  for (const expected of ['other', 'connect', 'other']) {
    await page.press('Tab');
    expect(await focused(page)).toBe(expected);
  }
});

it("Escape closes ours before a host's focus trap sees it, even when the host forgot to pause it", async () => {
  const page = await focusTrapPage(false);
  await pressConnect(page);
  await escapeFromOurDialog(page);
  expect(await host.state(page)).toBe('closed');
  expect(await page.evaluate(() => (window as any).trapDeactivated)).toBeUndefined();
  expect(await focused(page)).toBe('connect');
  // Control: the next Escape is the trap's.
  await page.press('Escape');
  expect(await page.evaluate(() => (window as any).trapDeactivated)).toBe(true);
});

it("a prepared link opened from a host's modal <dialog> moves into it and works (its frame reloads: a fresh token)", async () => {
  const page = await e2e.newPage();
  await settingsPanel(page, 'dialog');
  await page.evaluate((widgetUrl) => {
    const w = window as any;
    w.issued = [];
    const fetchToken = async () => {
      const token = {
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        mode: 'SANDBOX',
        accessToken: `prep.${crypto.randomUUID()}`,
      };
      w.issued.push(token.accessToken);
      return token;
    };
    w.calls = [];
    w.link = w.WinkLink.prepare(fetchToken, {
      widgetUrl,
      onAccountConnected: () => w.calls.push(['accountConnected']),
    });
    document.getElementById('connect')!.addEventListener('click', () => w.link.open());
    w.opened = w.link.ready.then(() => (document.getElementById('settings') as HTMLDialogElement).showModal());
  }, e2e.origins.widgetUrl);
  await page.evaluate(() => (window as any).opened);
  await enterOnConnect(page);
  expect(await page.evaluate(() => document.querySelector('wink-link')!.parentElement!.id)).toBe('settings');
  await expect.poll(() => host.issued(page).then((tokens) => tokens.length)).toBe(2);
  const frame = await widgetFrame(page, e2e.origins.widget.url);
  await expect.poll(() => frame.evaluate(() => window.widgetLog.map((e) => e.type)).catch(() => [])).toEqual(['init']);
  await expect.poll(() => focused(page)).toBe('wink-link>iframe');
  await frame.click('#connect');
  await expect.poll(() => host.names(page)).toEqual(['accountConnected']);
  await escapeFromOurDialog(page);
  expect(await focused(page)).toBe('connect');
  expect(await page.evaluate(() => (document.getElementById('settings') as HTMLDialogElement).open)).toBe(true);
});

it("Escape closes ours before the page's own capturing Escape listener sees it (as dialog libraries add)", async () => {
  const page = await e2e.newPage();
  await settingsPanel(page, 'div');
  await page.evaluate((widgetUrl) => {
    const w = window as any;
    w.hostEscapes = 0;
    // Added before the link opens, on the document, capturing (Radix's DismissableLayer does so).
    document.addEventListener('keydown', (event) => event.key === 'Escape' && w.hostEscapes++, true);
    document.getElementById('connect')!.addEventListener('click', () => (w.opened = w.harness.open({ widgetUrl })));
  }, e2e.origins.widgetUrl);
  await pressConnect(page);
  await escapeFromOurDialog(page);
  expect(await host.state(page)).toBe('closed');
  expect(await page.evaluate(() => (window as any).hostEscapes)).toBe(0);
  await page.press('Escape'); // control: the next one is the page's
  expect(await page.evaluate(() => (window as any).hostEscapes)).toBe(1);
});

// The README's other advice ("Inside your own modal"): inline in the host's <dialog>, opened with
// showModal(), wink-link is part of that dialog, so the browser's inert-outside-the-dialog rule
// leaves the widget usable.
it("inline in the host's modal <dialog>: the widget takes clicks and reports accountConnected", async () => {
  const page = await e2e.newPage();
  await page.evaluate(() => {
    const dialog = document.body.appendChild(document.createElement('dialog'));
    dialog.append(Object.assign(document.createElement('div'), { id: 'in-dialog' }));
    dialog.showModal();
  });
  await openLink(page, e2e.origins.widgetUrl, { container: '#in-dialog' });
  expect(await page.evaluate(() => document.querySelector('#in-dialog wink-link') !== null)).toBe(true);
  await (await widgetFrame(page, e2e.origins.widget.url)).click('#connect');
  await expect.poll(() => host.names(page)).toContain('accountConnected');
  expect(await page.evaluate(() => document.querySelector('dialog')!.open)).toBe(true);
});
