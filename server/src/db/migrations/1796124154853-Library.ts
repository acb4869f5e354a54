import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Library1796124154853 implements MigrationInterface {
  name = 'Library1796124154853';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ai_models" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "description" text NOT NULL DEFAULT '', "tags" text array NOT NULL DEFAULT '{}', "cover_asset_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3d254744f0bcf6f35be5826e25e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ai_models_owner_created" ON "ai_models"  ("owner_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "characters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "description" text NOT NULL DEFAULT '', "traits" jsonb NOT NULL DEFAULT '[]', "ai_model_id" uuid, "cover_asset_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d731e05758f26b9315dac5e378" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "characters_owner_created" ON "characters"  ("owner_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "prompt_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "body" text NOT NULL, "variables" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8621cc428ff586db3e3a8f5b74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "prompt_templates_owner_created" ON "prompt_templates"  ("owner_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "recipes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "description" text NOT NULL DEFAULT '', "latest_version_number" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f09680a51bf3669c1598a21682" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "recipes_owner_created" ON "recipes"  ("owner_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "recipe_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipe_id" uuid NOT NULL, "version" integer NOT NULL, "kind" character varying(10) NOT NULL, "provider" character varying(40) NOT NULL, "model" character varying(120) NOT NULL, "template_id" uuid, "template" jsonb, "settings" jsonb NOT NULL, "variables" jsonb NOT NULL DEFAULT '{}', "character_ids" uuid array NOT NULL DEFAULT '{}', "ai_model_id" uuid, "reference_asset_ids" uuid array NOT NULL DEFAULT '{}', "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_03fdb9fbcd545f7866258f91226" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "recipe_versions_number" ON "recipe_versions"  ("recipe_id", "version") `);
    await queryRunner.query(`CREATE TABLE "generation_sources" ("generation_id" uuid NOT NULL, "recipe_id" uuid, "recipe_version_id" uuid, "template_id" uuid, "ai_model_id" uuid, "character_ids" uuid array NOT NULL DEFAULT '{}', "used_asset_ids" uuid array NOT NULL DEFAULT '{}', "snapshot" jsonb NOT NULL, CONSTRAINT "PK_732b1bcf97483a4f53805d7e014" PRIMARY KEY ("generation_id"))`);
    await queryRunner.query(`CREATE INDEX "generation_sources_recipe" ON "generation_sources"  ("recipe_id") `);
    // "What used this image?" looks for an id inside the array; only GIN indexes that.
    await queryRunner.query(`CREATE INDEX "generation_sources_used_assets" ON "generation_sources" USING gin ("used_asset_ids")`);
    await queryRunner.query(`CREATE TABLE "ai_model_references" ("ai_model_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "position" smallint NOT NULL, CONSTRAINT "PK_44c0f070b19170ff4f380c15062" PRIMARY KEY ("ai_model_id", "asset_id"))`);
    await queryRunner.query(`CREATE INDEX "ai_model_references_asset" ON "ai_model_references"  ("asset_id") `);
    await queryRunner.query(`CREATE TABLE "character_references" ("character_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "position" smallint NOT NULL, CONSTRAINT "PK_40e6395fcac49ab48a10b962ee7" PRIMARY KEY ("character_id", "asset_id"))`);
    await queryRunner.query(`CREATE INDEX "character_references_asset" ON "character_references"  ("asset_id") `);
    await queryRunner.query(`ALTER TABLE "ai_models" ADD CONSTRAINT "ai_models_cover" FOREIGN KEY ("cover_asset_id") REFERENCES "assets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "characters" ADD CONSTRAINT "characters_ai_model" FOREIGN KEY ("ai_model_id") REFERENCES "ai_models"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "characters" ADD CONSTRAINT "characters_cover" FOREIGN KEY ("cover_asset_id") REFERENCES "assets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipe_versions" ADD CONSTRAINT "recipe_versions_recipe" FOREIGN KEY ("recipe_id") REFERENCES "recipes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipe_versions" ADD CONSTRAINT "recipe_versions_template" FOREIGN KEY ("template_id") REFERENCES "prompt_templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recipe_versions" ADD CONSTRAINT "recipe_versions_ai_model" FOREIGN KEY ("ai_model_id") REFERENCES "ai_models"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "generation_sources" ADD CONSTRAINT "generation_sources_generation" FOREIGN KEY ("generation_id") REFERENCES "generations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "generation_sources" ADD CONSTRAINT "generation_sources_recipe_fk" FOREIGN KEY ("recipe_id") REFERENCES "recipes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "generation_sources" ADD CONSTRAINT "generation_sources_recipe_version" FOREIGN KEY ("recipe_version_id") REFERENCES "recipe_versions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "generation_sources" ADD CONSTRAINT "generation_sources_template" FOREIGN KEY ("template_id") REFERENCES "prompt_templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "generation_sources" ADD CONSTRAINT "generation_sources_ai_model" FOREIGN KEY ("ai_model_id") REFERENCES "ai_models"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ai_model_references" ADD CONSTRAINT "ai_model_references_ai_model" FOREIGN KEY ("ai_model_id") REFERENCES "ai_models"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ai_model_references" ADD CONSTRAINT "ai_model_references_asset_fk" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "character_references" ADD CONSTRAINT "character_references_character" FOREIGN KEY ("character_id") REFERENCES "characters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "character_references" ADD CONSTRAINT "character_references_asset_fk" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "character_references" DROP CONSTRAINT "character_references_asset_fk"`);
    await queryRunner.query(`ALTER TABLE "character_references" DROP CONSTRAINT "character_references_character"`);
    await queryRunner.query(`ALTER TABLE "ai_model_references" DROP CONSTRAINT "ai_model_references_asset_fk"`);
    await queryRunner.query(`ALTER TABLE "ai_model_references" DROP CONSTRAINT "ai_model_references_ai_model"`);
    await queryRunner.query(`ALTER TABLE "generation_sources" DROP CONSTRAINT "generation_sources_ai_model"`);
    await queryRunner.query(`ALTER TABLE "generation_sources" DROP CONSTRAINT "generation_sources_template"`);
    await queryRunner.query(`ALTER TABLE "generation_sources" DROP CONSTRAINT "generation_sources_recipe_version"`);
    await queryRunner.query(`ALTER TABLE "generation_sources" DROP CONSTRAINT "generation_sources_recipe_fk"`);
    await queryRunner.query(`ALTER TABLE "generation_sources" DROP CONSTRAINT "generation_sources_generation"`);
    await queryRunner.query(`ALTER TABLE "recipe_versions" DROP CONSTRAINT "recipe_versions_ai_model"`);
    await queryRunner.query(`ALTER TABLE "recipe_versions" DROP CONSTRAINT "recipe_versions_template"`);
    await queryRunner.query(`ALTER TABLE "recipe_versions" DROP CONSTRAINT "recipe_versions_recipe"`);
    await queryRunner.query(`ALTER TABLE "characters" DROP CONSTRAINT "characters_cover"`);
    await queryRunner.query(`ALTER TABLE "characters" DROP CONSTRAINT "characters_ai_model"`);
    await queryRunner.query(`ALTER TABLE "ai_models" DROP CONSTRAINT "ai_models_cover"`);
    await queryRunner.query(`DROP INDEX "public"."character_references_asset"`);
    await queryRunner.query(`DROP TABLE "character_references"`);
    await queryRunner.query(`DROP INDEX "public"."ai_model_references_asset"`);
    await queryRunner.query(`DROP TABLE "ai_model_references"`);
    await queryRunner.query(`DROP INDEX "public"."generation_sources_used_assets"`);
    await queryRunner.query(`DROP INDEX "public"."generation_sources_recipe"`);
    await queryRunner.query(`DROP TABLE "generation_sources"`);
    await queryRunner.query(`DROP INDEX "public"."recipe_versions_number"`);
    await queryRunner.query(`DROP TABLE "recipe_versions"`);
    await queryRunner.query(`DROP INDEX "public"."recipes_owner_created"`);
    await queryRunner.query(`DROP TABLE "recipes"`);
    await queryRunner.query(`DROP INDEX "public"."prompt_templates_owner_created"`);
    await queryRunner.query(`DROP TABLE "prompt_templates"`);
    await queryRunner.query(`DROP INDEX "public"."characters_owner_created"`);
    await queryRunner.query(`DROP TABLE "characters"`);
    await queryRunner.query(`DROP INDEX "public"."ai_models_owner_created"`);
    await queryRunner.query(`DROP TABLE "ai_models"`);
  }
}
