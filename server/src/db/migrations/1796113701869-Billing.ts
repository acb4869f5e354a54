import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Billing1796113701869 implements MigrationInterface {
  name = 'Billing1796113701869';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."billing_purchase_kind" AS ENUM('CREDIT_PACK', 'SUBSCRIPTION')`);
    await queryRunner.query(`CREATE TYPE "public"."billing_checkout_status" AS ENUM('OPEN', 'COMPLETE', 'EXPIRED', 'FAILED')`);
    await queryRunner.query(`CREATE TABLE "billing_checkouts" ("id" character varying(255) NOT NULL, "user_id" uuid NOT NULL, "kind" "public"."billing_purchase_kind" NOT NULL, "item_id" character varying(60) NOT NULL, "status" "public"."billing_checkout_status" NOT NULL DEFAULT 'OPEN', "subscription_id" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4b70f2916a30a3d67c3c4ffb582" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "billing_checkouts_user" ON "billing_checkouts"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "billing_customers" ("user_id" uuid NOT NULL, "stripe_customer_id" character varying(255) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9247f7fb18111a77f9d5ff06b99" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "billing_customers_stripe_id" ON "billing_customers"  ("stripe_customer_id") `);
    await queryRunner.query(`CREATE TYPE "public"."billing_payment_status" AS ENUM('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'DISPUTED')`);
    await queryRunner.query(`CREATE TABLE "billing_payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" "public"."billing_purchase_kind" NOT NULL, "item_id" character varying(60) NOT NULL, "description" character varying(200) NOT NULL, "checkout_session_id" character varying(255), "invoice_id" character varying(255), "subscription_id" character varying(255), "payment_intent_id" character varying(255), "charge_id" character varying(255), "amount" integer NOT NULL, "currency" character varying(3) NOT NULL, "amount_refunded" integer NOT NULL DEFAULT '0', "disputes" jsonb NOT NULL DEFAULT '{}', "credits" integer NOT NULL, "credits_reversed" integer NOT NULL DEFAULT '0', "status" "public"."billing_payment_status" NOT NULL, "receipt_url" character varying(2000), "period_start" TIMESTAMP WITH TIME ZONE, "period_end" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c4e4866a41953b04f9229b273ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "billing_payments_checkout" ON "billing_payments"  ("checkout_session_id") WHERE checkout_session_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "billing_payments_invoice" ON "billing_payments"  ("invoice_id") WHERE invoice_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "billing_payments_payment_intent" ON "billing_payments"  ("payment_intent_id") WHERE payment_intent_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "billing_payments_charge" ON "billing_payments"  ("charge_id") WHERE charge_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "billing_payments_user" ON "billing_payments"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "billing_subscriptions" ("id" character varying(255) NOT NULL, "user_id" uuid NOT NULL, "plan_id" character varying(60), "status" character varying(40) NOT NULL, "current_period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "current_period_end" TIMESTAMP WITH TIME ZONE NOT NULL, "cancel_at_period_end" boolean NOT NULL DEFAULT false, "cancel_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "granted_period_start" TIMESTAMP WITH TIME ZONE, "granted_credits" integer NOT NULL DEFAULT '0', "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_da12bd094f95ed1a9ad21b0b2df" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "billing_subscriptions_user" ON "billing_subscriptions"  ("user_id", "current_period_end") `);
    await queryRunner.query(`CREATE TABLE "stripe_events" ("id" character varying(255) NOT NULL, "type" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d3247bd5fc3f66b6982bbcdd897" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "credit_debts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "amount" bigint NOT NULL, "settled" bigint NOT NULL DEFAULT '0', "reason" character varying(200) NOT NULL, "reference_type" character varying(40), "reference_id" character varying(255), "key" character varying(255) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "settled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "credit_debts_settled_within_amount" CHECK (settled >= 0 AND settled <= amount AND amount > 0), CONSTRAINT "PK_48d0694ecf22debd1180bba6333" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "credit_debts_key" ON "credit_debts"  ("key") `);
    await queryRunner.query(`CREATE INDEX "credit_debts_open_by_user" ON "credit_debts"  ("user_id", "created_at") WHERE settled < amount`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."credit_debts_open_by_user"`);
    await queryRunner.query(`DROP INDEX "public"."credit_debts_key"`);
    await queryRunner.query(`DROP TABLE "credit_debts"`);
    await queryRunner.query(`DROP TABLE "stripe_events"`);
    await queryRunner.query(`DROP INDEX "public"."billing_subscriptions_user"`);
    await queryRunner.query(`DROP TABLE "billing_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."billing_payments_user"`);
    await queryRunner.query(`DROP INDEX "public"."billing_payments_charge"`);
    await queryRunner.query(`DROP INDEX "public"."billing_payments_payment_intent"`);
    await queryRunner.query(`DROP INDEX "public"."billing_payments_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."billing_payments_checkout"`);
    await queryRunner.query(`DROP TABLE "billing_payments"`);
    await queryRunner.query(`DROP TYPE "public"."billing_payment_status"`);
    await queryRunner.query(`DROP INDEX "public"."billing_customers_stripe_id"`);
    await queryRunner.query(`DROP TABLE "billing_customers"`);
    await queryRunner.query(`DROP INDEX "public"."billing_checkouts_user"`);
    await queryRunner.query(`DROP TABLE "billing_checkouts"`);
    await queryRunner.query(`DROP TYPE "public"."billing_checkout_status"`);
    await queryRunner.query(`DROP TYPE "public"."billing_purchase_kind"`);
  }
}
