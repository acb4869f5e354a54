import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditsLedger1795981685498 implements MigrationInterface {
  name = 'CreditsLedger1795981685498';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."credit_hold_status" AS ENUM('OPEN', 'CAPTURED', 'RELEASED')`);
    await queryRunner.query(`CREATE TABLE "credit_holds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(255) NOT NULL, "user_id" uuid NOT NULL, "amount" bigint NOT NULL, "from_subscription" bigint NOT NULL, "from_purchased" bigint NOT NULL, "status" "public"."credit_hold_status" NOT NULL DEFAULT 'OPEN', "reference_type" character varying(40), "reference_id" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "credit_holds_split" CHECK (from_subscription + from_purchased = amount AND amount > 0), CONSTRAINT "PK_d8f088c9664213c62b45b222a45" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "credit_holds_key" ON "credit_holds"  ("key") `);
    await queryRunner.query(`CREATE INDEX "credit_holds_open_by_user" ON "credit_holds"  ("user_id") WHERE status = 'OPEN'`);
    await queryRunner.query(`CREATE TYPE "public"."ledger_account_type" AS ENUM('SUBSCRIPTION', 'PURCHASED', 'ESCROW', 'REVENUE', 'PROMOTIONS', 'STRIPE_CLEARING', 'EXPIRY')`);
    await queryRunner.query(`CREATE TABLE "ledger_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid, "type" "public"."ledger_account_type" NOT NULL, "balance" bigint NOT NULL DEFAULT '0', "allow_negative" boolean NOT NULL DEFAULT false, CONSTRAINT "ledger_accounts_never_negative" CHECK (allow_negative OR balance >= 0), CONSTRAINT "PK_62b34396dda564757cf123fff0e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_accounts_system_type" ON "ledger_accounts"  ("type") WHERE owner_id IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_accounts_owner_type" ON "ledger_accounts"  ("owner_id", "type") WHERE owner_id IS NOT NULL`);
    await queryRunner.query(`CREATE TYPE "public"."ledger_transfer_kind" AS ENUM('SIGNUP_GRANT', 'ADMIN_GRANT', 'PURCHASE', 'SUBSCRIPTION_GRANT', 'HOLD', 'CAPTURE', 'RELEASE', 'EXPIRY', 'CLAWBACK')`);
    await queryRunner.query(`CREATE TABLE "ledger_transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "debit_account_id" uuid NOT NULL, "credit_account_id" uuid NOT NULL, "amount" bigint NOT NULL, "kind" "public"."ledger_transfer_kind" NOT NULL, "reference_type" character varying(40), "reference_id" character varying(255), "idempotency_key" character varying(255) NOT NULL, "metadata" jsonb NOT NULL DEFAULT '{}', "user_id" uuid, "user_balance_after" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ledger_transfers_two_accounts" CHECK (debit_account_id <> credit_account_id), CONSTRAINT "ledger_transfers_positive" CHECK (amount > 0), CONSTRAINT "PK_0ff1f1a56cb76536e5ef5ad5809" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_transfers_idempotency_key" ON "ledger_transfers"  ("idempotency_key") `);
    await queryRunner.query(`CREATE INDEX "ledger_transfers_user" ON "ledger_transfers"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ledger_transfers_credit" ON "ledger_transfers"  ("credit_account_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ledger_transfers_debit" ON "ledger_transfers"  ("debit_account_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_debit"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_credit"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_user"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "ledger_transfers"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_transfer_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_accounts_owner_type"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_accounts_system_type"`);
    await queryRunner.query(`DROP TABLE "ledger_accounts"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_account_type"`);
    await queryRunner.query(`DROP INDEX "public"."credit_holds_open_by_user"`);
    await queryRunner.query(`DROP INDEX "public"."credit_holds_key"`);
    await queryRunner.query(`DROP TABLE "credit_holds"`);
    await queryRunner.query(`DROP TYPE "public"."credit_hold_status"`);
  }
}
