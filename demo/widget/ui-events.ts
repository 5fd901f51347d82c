import type { WidgetConnection } from 'wink-link/widget';

/**
 * The widget's screen changes, reported like Smile's onUIEvent (SmileAPI/smile-openapi
 * docs/english/api-reference/Chapter-3.md:189-223): `{ eventName, eventTime, mode, userId,
 * account, archive }`, carried by wink-link as `event { name: eventName, metadata: { … } }`.
 */
export type UiEventName =
  | 'ProviderListPageOpened'
  | 'LoginPageOpened'
  | 'ConnectSuccessPageOpened'
  | 'FileTypePageOpened'
  | 'ArchiveSuccessPageOpened';

export interface UiEventContext {
  mode: string | undefined;
  userId: string | undefined;
  account?: { providerId: string; accountId?: string };
  archive?: { archiveId: string; fileType: string };
}

export function sendUiEvent(conn: WidgetConnection, name: UiEventName, context: UiEventContext): void {
  const metadata: Record<string, unknown> = {
    eventTime: new Date().toISOString(),
    mode: context.mode,
    userId: context.userId,
  };
  if (context.account) metadata.account = context.account;
  if (context.archive) metadata.archive = context.archive;
  conn.send('event', { name, metadata });
}
