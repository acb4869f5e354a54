import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assets1796115701698 implements MigrationInterface {
  name = 'Assets1796115701698';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."asset_kind" AS ENUM('REFERENCE', 'OUTPUT', 'PREVIEW', 'THUMBNAIL', 'AVATAR')`);
    await queryRunner.query(`CREATE TABLE "assets" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "kind" "public"."asset_kind" NOT NULL, "storage_key" character varying(1024) NOT NULL, "content_type" character varying(100) NOT NULL, "byte_size" integer NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "duration_seconds" double precision, "sha256" character(64) NOT NULL, "thumbnail_asset_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_da96729a8b113377cfb6a62439c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "assets_storage_key" ON "assets"  ("storage_key") `);
    await queryRunner.query(`CREATE INDEX "assets_owner_kind" ON "assets"  ("owner_id", "kind", "created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."upload_status" AS ENUM('PENDING', 'COMPLETED')`);
    await queryRunner.query(`CREATE TABLE "uploads" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "filename" character varying(255) NOT NULL, "claimed_content_type" character varying(100) NOT NULL, "byte_size" integer NOT NULL, "storage_key" character varying(1024) NOT NULL, "status" "public"."upload_status" NOT NULL DEFAULT 'PENDING', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "asset_id" uuid, CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uploads_storage_key" ON "uploads"  ("storage_key") `);
    await queryRunner.query(`CREATE INDEX "uploads_expiry" ON "uploads"  ("status", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "uploads_owner" ON "uploads"  ("owner_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "assets" ADD CONSTRAINT "assets_thumbnail" FOREIGN KEY ("thumbnail_asset_id") REFERENCES "assets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assets" DROP CONSTRAINT "assets_thumbnail"`);
    await queryRunner.query(`DROP INDEX "public"."uploads_owner"`);
    await queryRunner.query(`DROP INDEX "public"."uploads_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."uploads_storage_key"`);
    await queryRunner.query(`DROP TABLE "uploads"`);
    await queryRunner.query(`DROP TYPE "public"."upload_status"`);
    await queryRunner.query(`DROP INDEX "public"."assets_owner_kind"`);
    await queryRunner.query(`DROP INDEX "public"."assets_storage_key"`);
    await queryRunner.query(`DROP TABLE "assets"`);
    await queryRunner.query(`DROP TYPE "public"."asset_kind"`);
  }
}
