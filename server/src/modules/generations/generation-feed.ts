import { MoreThan, type DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import { GenerationEvent } from './generation-event.entity';
import { GENERATION_EVENTS_TOPIC, type GenerationEventNotice } from './generation-events';
import { FINAL_STATUSES, Generation } from './generation.entity';
import { generationNotFound } from './generation.errors';

/** Events read from the database per notice; a long backlog is sent in pages of this size. */
const PAGE = 200;

/**
 * The live feeds of generations. A subscriber first gets every event after the sequence number
 * it already has, then live ones; each notice only says "there is something after seq N", and
 * the events themselves are read from the database, so nothing is missed, repeated or
 * reordered, across any number of api and worker processes.
 */
export class GenerationFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  private after(generationId: string, seq: number): Promise<GenerationEvent[]> {
    return this.dataSource.getRepository(GenerationEvent).find({
      where: { generationId, seq: MoreThan(seq) },
      order: { seq: 'ASC' },
      take: PAGE,
    });
  }

  /**
   * Events of one of my generations after `afterSeq`, then live until it ends. Ownership is
   * checked before the stream is handed out, so a refusal is a plain GraphQL error.
   */
  async eventsOf(params: {
    userId: string;
    generationId: string;
    afterSeq: number;
  }): Promise<AsyncGenerator<GenerationEvent>> {
    // Listen before reading, so an event committed in between is announced to us too.
    const live = this.events.pubSub.subscribe(GENERATION_EVENTS_TOPIC)[Symbol.asyncIterator]();
    const generation = await this.dataSource
      .getRepository(Generation)
      .findOneBy({ id: params.generationId, ownerId: params.userId })
      .catch(() => null);
    if (!generation) {
      await live.return?.();
      throw generationNotFound();
    }
    return this.stream(generation, params.afterSeq, live);
  }

  private async *stream(
    generation: Generation,
    afterSeq: number,
    live: AsyncIterator<unknown>,
  ): AsyncGenerator<GenerationEvent> {
    const generationId = generation.id;
    let last = afterSeq;
    const drain = async function* (this: GenerationFeed) {
      for (;;) {
        const page = await this.after(generationId, last);
        for (const event of page) {
          last = event.seq;
          yield event;
        }
        if (page.length < PAGE) return;
      }
    }.bind(this);
    try {
      yield* drain();
      // A finished generation's last event is in the table: once it is sent, the feed is done.
      if (FINAL_STATUSES.includes(generation.status) && last >= generation.lastSeq) return;
      for (;;) {
        const next = await live.next();
        if (next.done) return;
        const notice = next.value as GenerationEventNotice;
        if (notice.generationId !== generationId || notice.seq <= last) continue;
        yield* drain();
        if (FINAL_STATUSES.includes(notice.status) && last >= notice.seq) return;
      }
    } finally {
      await live.return?.();
    }
  }
}
