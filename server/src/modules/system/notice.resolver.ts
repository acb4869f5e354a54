import { Resolver, Root, Subscription } from 'type-graphql';
import { Notice } from './notice.entity';
import { NOTICES_TOPIC, NoticeService, type NoticeEvent } from './notice.service';

@Resolver()
export class NoticeResolver {
  constructor(private readonly noticeService: NoticeService) {}

  @Subscription(() => Notice, {
    topics: NOTICES_TOPIC,
    description: 'Operator notices as they are published (maintenance, incidents)',
  })
  async notices(@Root() event: NoticeEvent): Promise<Notice> {
    return this.noticeService.get(event.id);
  }
}
