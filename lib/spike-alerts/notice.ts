/** A spike alert as notified and shown in the popup until looked at. */
export interface SpikeNotice {
  /** Notification id: names the project, so a click opens its page. */
  id: string;
  projectId: string | null;
  title: string;
  message: string;
}
