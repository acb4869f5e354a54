import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AvatarAsText1795982112161 implements MigrationInterface {
  name = 'AvatarAsText1795982112161';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Widened in place (the generator would drop and re-add the column, losing avatars).
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "avatar_url" TYPE text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "avatar_url" TYPE character varying(2048)`);
  }
}
