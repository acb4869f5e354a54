import type { DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import { Notice, NOTICE_MAX_LENGTH, NoticeLevel } from './notice.entity';
import { SystemError } from './system.errors';

export const NOTICES_TOPIC = 'notices';

/** What travels over NOTIFY for a notice: the id only; subscribers read the row. */
export interface NoticeEvent {
  id: string;
}

/** Operator notices: stored, then announced to every api process after commit. */
export class NoticeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  async publish(params: { level: NoticeLevel; message: string }): Promise<Notice> {
    const message = params.message.trim();
    if (!message || message.length > NOTICE_MAX_LENGTH) {
      throw new SystemError(
        'BAD_USER_INPUT',
        `A notice needs a message of 1 to ${NOTICE_MAX_LENGTH} characters.`,
      );
    }
    const notice = await this.dataSource
      .getRepository(Notice)
      .save(this.dataSource.getRepository(Notice).create({ level: params.level, message }));
    await this.events.publish<NoticeEvent>(NOTICES_TOPIC, { id: notice.id });
    return notice;
  }

  async get(id: string): Promise<Notice> {
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    if (!notice) throw new SystemError('NOT_FOUND', 'That notice does not exist.');
    return notice;
  }
}
