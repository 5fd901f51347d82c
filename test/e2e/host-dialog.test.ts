// The README's advice for a page with its own modal ("Inside your own modal"): wink-link
// inline in the host's <dialog>, opened with showModal(), is part of that dialog, so the
// browser's inert-outside-the-dialog rule leaves the widget usable.
import { expect, it } from 'vitest';
import { host, openLink, useE2E, widgetFrame } from '../support/e2e';

const e2e = useE2E();

it("inline in the host's modal <dialog>: the widget takes clicks and reports accountConnected", async () => {
  const page = await e2e.newPage();
  await page.evaluate(() => {
    const dialog = document.body.appendChild(document.createElement('dialog'));
    dialog.append(Object.assign(document.createElement('div'), { id: 'in-dialog' }));
    dialog.showModal();
  });
  await openLink(page, e2e.origins.widgetUrl, { container: '#in-dialog' });
  expect(await page.evaluate(() => document.querySelector('#in-dialog wink-link') !== null)).toBe(true);
  await widgetFrame(page, e2e.origins.widget.url).click('#connect');
  await expect.poll(() => host.names(page)).toContain('accountConnected');
  expect(await page.evaluate(() => document.querySelector('dialog')!.open)).toBe(true);
});
