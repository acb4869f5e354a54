import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795979236912 implements MigrationInterface {
  name = 'Foundation1795979236912';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."notice_level" AS ENUM('INFO', 'WARNING', 'CRITICAL')`);
    await queryRunner.query(`CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "level" "public"."notice_level" NOT NULL, "message" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`DROP TYPE "public"."notice_level"`);
  }
}
