import { Resolver, Root, Subscription } from 'type-graphql';
import { Public } from '../../graphql/access';
import { Notice } from './notice.entity';
import { NOTICES_TOPIC, NoticeService, type NoticeEvent } from './notice.service';

@Resolver()
export class NoticeResolver {
  constructor(private readonly noticeService: NoticeService) {}

  // Operators' notices (maintenance, incidents) reach the sign-in page too.
  @Public()
  @Subscription(() => Notice, {
    topics: NOTICES_TOPIC,
    description: 'Operator notices as they are published (maintenance, incidents)',
  })
  async notices(@Root() event: NoticeEvent): Promise<Notice> {
    return this.noticeService.get(event.id);
  }
}
