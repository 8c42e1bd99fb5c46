import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/**
 * Records that a change succeeded, with what the domain knows of it. The router makes one per
 * request, so the auditor learns the actor and the request while services see no HTTP types.
 */
export type RecordAudit = (eventId: string, meta: JsonObject) => Promise<void>;

export function auditRecorder(
  auditor: AuditorService,
  request?: Parameters<AuditorService['createEvent']>[0]['request'],
): RecordAudit {
  return async (eventId, meta) => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request,
      meta,
    });
    await event.success();
  };
}
