import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShardSystemAccounts1795985310261 implements MigrationInterface {
  name = 'ShardSystemAccounts1795985310261';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ledger_accounts_system_type"`);
    await queryRunner.query(`ALTER TABLE "ledger_accounts" ADD "shard" smallint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_accounts_system_type_shard" ON "ledger_accounts"  ("type", "shard") WHERE owner_id IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ledger_accounts_system_type_shard"`);
    await queryRunner.query(`ALTER TABLE "ledger_accounts" DROP COLUMN "shard"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_accounts_system_type" ON "ledger_accounts" USING btree ("type") WHERE (owner_id IS NULL)`);
  }
}
