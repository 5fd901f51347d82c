import { expect, it } from 'vitest';
import { chooseOption, useDemo } from '../support/demo-e2e';
import { clickNamed, ROLE, texts, waitNamed } from '../support/named';

/**
 * The demo's "Smile bridge" mode, as a new user would try it: pick it on the host page, connect,
 * go through Smile's widget (the stand-in) and see every callback on the timeline.
 */
const env = useDemo({ width: 1280, height: 900 });

it('runs Smile’s widget through the bridge page: one dialog, every callback on the timeline', async () => {
  const { page, demo } = env;
  await chooseOption(page, 'widget', 'smile');
  await clickNamed(page, ROLE.button, 'Connect payroll');
  const frame = await page.frame(new URL(demo.urls.bridge).origin);
  await waitNamed(frame, ROLE.dialog, 'Smile Wink (stand-in)');
  const src = await page.evaluate(() => document.querySelector('wink-link')!.shadowRoot!.querySelector('iframe')!.src);
  expect(new URL(src).origin).toBe(new URL(demo.urls.bridge).origin);
  expect(await page.evaluate(() => document.querySelector('wink-link')!.getAttribute('data-chrome'))).toBe('none');
  await env.screenshot('smile-bridge');
  await clickNamed(frame, ROLE.button, 'Upwork');
  await clickNamed(frame, ROLE.button, 'Sign in');
  await expect.poll(async () => (await texts(page, '#accounts li strong')).join(' ')).toContain('UPWORK');
  await clickNamed(frame, ROLE.button, 'Done');
  await expect.poll(() => texts(page, '#timeline li[data-name="onClose"]')).toHaveLength(1);
  const names = await texts(page, '#timeline li strong');
  for (const name of ['onLoad', 'onEvent', 'onAccountCreated', 'onAccountConnected', 'onClose']) {
    expect(names).toContain(name);
  }
  expect((await texts(page, '#timeline li[data-name="onClose"]'))[0]).toContain('exit');
  expect(await page.evaluate(() => document.querySelectorAll('wink-link').length)).toBe(0);
  await env.screenshot('smile-bridge-done');
});
