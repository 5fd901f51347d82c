import type { HostToWidget } from 'wink-link/widget';
import { PROVIDERS, type Provider } from './providers';

/**
 * Smile's widget options as the sandbox widget honours them (SmileAPI/smile-openapi
 * docs/english/Chapter-4.md:249-255): `providers` filters the list ("passing just one provider
 * id will skip the selection list"), `topProviders` pins providers to the top in its order,
 * `enableSearchBar: false` hides the search, `companyName` shows on the sign-in screen,
 * `enableUpload` offers payslip uploads. The sandbox has no type bar or consent page, so
 * `enableTypeBar` and `enableConsentPage` change nothing here.
 */
export type WidgetOptions = NonNullable<HostToWidget['init']['widgetOptions']>;

export function providerList(options: WidgetOptions): Provider[] {
  const only = options.providers?.length ? PROVIDERS.filter((p) => options.providers!.includes(p.id)) : PROVIDERS;
  const top = options.topProviders ?? [];
  const rank = (p: Provider) => (top.includes(p.id) ? top.indexOf(p.id) : top.length);
  // Array.prototype.sort is stable: the providers not pinned keep their order.
  return [...only].sort((a, b) => rank(a) - rank(b));
}
