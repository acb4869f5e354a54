import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795981145105 implements MigrationInterface {
  name = 'Accounts1795981145105';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."token_purpose" AS ENUM('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL')`);
    await queryRunner.query(`CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character varying(64) NOT NULL, "purpose" "public"."token_purpose" NOT NULL, "user_id" uuid NOT NULL, "email" character varying(320), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "account_tokens_hash_unique" ON "account_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "account_tokens_user_id" ON "account_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "linked_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "provider" character varying(32) NOT NULL, "subject" character varying(255) NOT NULL, "email" character varying(320), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_445bf7a50aeeb7f0084052935a6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "linked_accounts_user_provider" ON "linked_accounts"  ("user_id", "provider") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "linked_accounts_provider_subject" ON "linked_accounts"  ("provider", "subject") `);
    await queryRunner.query(`CREATE TABLE "mfa_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0076416b1b84361afc3371ba121" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "mfa_recovery_codes_user_hash" ON "mfa_recovery_codes"  ("user_id", "code_hash") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip_address" character varying(64), "user_agent" character varying(512), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sessions_user_id" ON "sessions"  ("user_id") `);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('USER', 'ADMIN')`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(100) NOT NULL, "email_verified_at" TIMESTAMP WITH TIME ZONE, "avatar_url" character varying(2048), "password_hash" character varying(255), "role" "public"."user_role" NOT NULL DEFAULT 'USER', "age_confirmed_at" TIMESTAMP WITH TIME ZONE, "pending_email" character varying(320), "totp_secret" text, "pending_totp_secret" text, "totp_last_counter" bigint, "disabled_at" TIMESTAMP WITH TIME ZONE, "known_devices" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_unique" ON "users"  ("email") `);
    await queryRunner.query(`CREATE TABLE "rate_limits" ("key" character varying(200) NOT NULL, "count" integer NOT NULL, "reset_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8cb6aa4831e3e775ccf370521db" PRIMARY KEY ("key"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_unique"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_user_id"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."mfa_recovery_codes_user_hash"`);
    await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."linked_accounts_provider_subject"`);
    await queryRunner.query(`DROP INDEX "public"."linked_accounts_user_provider"`);
    await queryRunner.query(`DROP TABLE "linked_accounts"`);
    await queryRunner.query(`DROP INDEX "public"."account_tokens_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."account_tokens_hash_unique"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
    await queryRunner.query(`DROP TYPE "public"."token_purpose"`);
  }
}
