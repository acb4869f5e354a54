import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PendingSignIn1795983912489 implements MigrationInterface {
  name = 'PendingSignIn1795983912489';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."token_purpose" ADD VALUE 'PENDING_SIGN_IN'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."token_purpose_old" AS ENUM('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL')`);
    await queryRunner.query(`ALTER TABLE "account_tokens" ALTER COLUMN "purpose" TYPE "public"."token_purpose_old" USING "purpose"::"text"::"public"."token_purpose_old"`);
    await queryRunner.query(`DROP TYPE "public"."token_purpose"`);
    await queryRunner.query(`ALTER TYPE "public"."token_purpose_old" RENAME TO "token_purpose"`);
  }
}
