import { Notice } from '../modules/system/notice.entity';

/** Every TypeORM entity; listed explicitly so the same list works from sources and the build. */
export const ENTITIES = [Notice];
