import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoleFromAdminEmails1795982316591 implements MigrationInterface {
  name = 'RoleFromAdminEmails1795982316591';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "role"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('USER', 'ADMIN')`);
    await queryRunner.query(`ALTER TABLE "users" ADD "role" "public"."user_role" NOT NULL DEFAULT 'USER'`);
  }
}
