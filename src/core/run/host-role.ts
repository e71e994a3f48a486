import type { FactStore } from '../facts/store.js';

/**
 * A Lync/Skype for Business Server rather than a CCE appliance: its Lync services were collected and
 * found. There the CCE version is irrelevant, so "CCE version unknown" is not shown.
 */
export function isLyncServerHost(store: FactStore): boolean {
  const services = store.get('lync.services');
  return services.status === 'ok' && (services.value as { installed?: unknown } | undefined)?.installed === true;
}
