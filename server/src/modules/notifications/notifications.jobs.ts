import { registerJobHandler } from '../../platform/jobs.ts';
import type { ReporterSmsKind } from './notifications.messages.ts';

/** The job that sends one text message through the configured SMS gateway. */
export const SMS_SEND_JOB = 'sms.send';

export interface SmsSendPayload {
  phone: string;
  /** Rendered when the job was queued, so the text says what was true when the change committed. */
  text: string;
  kind: ReporterSmsKind;
}

// A gateway that fails is retried with backoff by the queue; a repeat after a crash may send the
// same text twice, which is better than a reporter never hearing.
registerJobHandler<SmsSendPayload>(SMS_SEND_JOB, async (payload, ctx) => {
  await ctx.sms.send(payload.phone, payload.text);
});
