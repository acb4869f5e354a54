import type { EntityManager } from 'typeorm';
import type { Logger } from '../../logger';
import { MailError } from '../mail/mail.errors';
import type { Mailer, MailMessage } from '../mail/mailer';
import { addJob, type TaskList } from '../../queue/queue';

export const SEND_MAIL_TASK = 'mail.send';

/**
 * Queues an email in the caller's transaction: it is sent only if the change that caused it
 * commits, and a failed delivery is retried by the worker.
 */
export function queueMail(manager: EntityManager, message: MailMessage): Promise<void> {
  return addJob(manager, { task: SEND_MAIL_TASK, payload: message, options: { maxAttempts: 8 } });
}

/** The worker task that delivers queued email. */
export function mailTasks(mailer: Mailer, logger: Logger): TaskList {
  return {
    [SEND_MAIL_TASK]: async (payload) => {
      try {
        await mailer.send(payload as MailMessage);
      } catch (error) {
        // A malformed message fails the same way every time: log it instead of retrying.
        if (error instanceof MailError && error.code === 'INVALID_MESSAGE') {
          logger.error({ err: error }, 'dropped an email that cannot be sent');
          return;
        }
        throw error;
      }
    },
  };
}
