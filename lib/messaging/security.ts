import { defineExtensionMessaging } from '@webext-core/messaging';

/** Messages the popup sends about the watch; checked like the usage protocol's (lib/background/worker.ts). */
export interface SecurityProtocol {
  /** The popup has shown these notices: the badge calms down. */
  acknowledgeSecurity(ids: string[]): void;
}

export const securityMessenger = defineExtensionMessaging<SecurityProtocol>();
