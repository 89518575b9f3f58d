import type { CallOptions } from '../transport/types.ts';
import type { Upstreams } from './Upstreams.ts';

/** A notification to send. */
export interface Notification {
  recipientId: string;
  kind: 'ride-requested' | 'ride-accepted';
  tripId: string;
}

/** Queues a notification. Not idempotent: never retried. */
export function sendNotification(upstreams: Upstreams, notification: Notification, options: CallOptions): Promise<{ id: string }> {
  return upstreams.rest('notifications').call<{ id: string }>({ method: 'POST', path: '/notifications', body: notification }, options);
}
