/**
 * Regression tests from the code review: JSON null is plain data in widget messages.
 */
import { describe, expect, it, vi } from 'vitest';
import { safeCopy } from '../../src/shared/protocol';
import { makeToken, openReady, useHarness, widget } from './harness';

useHarness();

describe('JSON null in widget messages', () => {
  // Was a bug (protocol.ts isSafeData: `if (v === null || typeof v !== 'object') return typeof v ===
  // 'number' || typeof v === 'boolean'`). `null` is plain JSON data, but makes the WHOLE message
  // "unsafe", so it is dropped silently (only visible with debug). The public types allow it —
  // WidgetEvent.metadata is Record<string, unknown>, Upload is { id; [key]: unknown } — and
  // analytics payloads routinely carry nulls (`{ providerId: null }` before a pick). The README's
  // list of what is dropped does not mention null.
  it('control: the same event without the null reaches onEvent', async () => {
    const onEvent = vi.fn();
    await openReady(
      vi.fn(async () => makeToken()),
      { onEvent },
    );
    widget.say('event', { name: 'screen_view', metadata: { screen: 'search' } });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('safeCopy accepts JSON null', () => {
    expect(safeCopy({ a: null })).toEqual({ a: null });
  });

  it('an `event` whose metadata holds a null still reaches onEvent', async () => {
    const onEvent = vi.fn();
    await openReady(
      vi.fn(async () => makeToken()),
      { onEvent },
    );
    widget.say('event', { name: 'screen_view', metadata: { screen: 'search', providerId: null } });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('an `uploadsCreated` whose upload carries a null field still reaches onUploadsCreated', async () => {
    const onUploadsCreated = vi.fn();
    await openReady(
      vi.fn(async () => makeToken()),
      { onUploadsCreated },
    );
    widget.say('uploadsCreated', { userId: 'u1', uploads: [{ id: 'up1', pages: 2, note: null }] });
    expect(onUploadsCreated).toHaveBeenCalledTimes(1);
  });
});
