import { badRequest, methodNotAllowed, notFound } from './HttpError.ts';
import { objectBody, stringField } from './params.ts';
import type { RestService } from './RestService.ts';

/**
 * notifications: `POST /notifications` `{"recipientId", "kind", "tripId"?}` → `202 {"id"}`.
 * Nothing is delivered: the demo only acknowledges. Ids carry the instance id, so they are unique
 * across instances without coordination.
 */
export function createNotificationsService(instanceId: string): RestService {
  let sequence = 0;
  return {
    handle(call) {
      if (call.path !== '/notifications') throw notFound(`no route ${call.path}`);
      if (call.method !== 'POST') throw methodNotAllowed(call.method, call.path);
      const body = objectBody(call.body);
      stringField(body, 'recipientId');
      stringField(body, 'kind');
      if (body['tripId'] !== undefined && body['tripId'] !== null && typeof body['tripId'] !== 'string') {
        throw badRequest('tripId must be a string when given');
      }
      sequence += 1;
      return { status: 202, body: { id: `n-${instanceId}-${String(sequence).padStart(6, '0')}` } };
    },
  };
}
