import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { enforceAccess } from './access';
import { AccountResolver, LinkedAccountResolver } from '../modules/accounts/account.resolver';
import { MfaResolver } from '../modules/accounts/mfa.resolver';
import { SessionResolver } from '../modules/accounts/session.resolver';
import { BillingResolver } from '../modules/billing/billing.resolver';
import {
  GenerationEventResolver,
  GenerationResolver,
} from '../modules/generations/generation.resolver';
import { CreditsResolver, UserCreditsResolver } from '../modules/credits/credits.resolver';
import { AiModelResolver } from '../modules/library/ai-model.resolver';
import { CharacterResolver } from '../modules/library/character.resolver';
import {
  AssetUsageResolver,
  GenerationLibraryResolver,
} from '../modules/library/generation-library.resolver';
import { PromptTemplateResolver } from '../modules/library/prompt-template.resolver';
import { RecipeResolver, RecipeVersionResolver } from '../modules/library/recipe.resolver';
import { AssetResolver } from '../modules/storage/asset.resolver';
import { UploadResolver } from '../modules/storage/upload.resolver';
import { NoticeResolver } from '../modules/system/notice.resolver';
import { ServerInfoResolver } from '../modules/system/server-info';

/** Every resolver class; each module adds its own here. */
export const RESOLVERS = [
  ServerInfoResolver,
  NoticeResolver,
  AccountResolver,
  LinkedAccountResolver,
  SessionResolver,
  MfaResolver,
  UserCreditsResolver,
  CreditsResolver,
  BillingResolver,
  GenerationResolver,
  GenerationEventResolver,
  AssetResolver,
  UploadResolver,
  AiModelResolver,
  CharacterResolver,
  PromptTemplateResolver,
  RecipeResolver,
  RecipeVersionResolver,
  GenerationLibraryResolver,
  AssetUsageResolver,
] as const;

/** Resolver instances, built in the composition root with their services. */
export type ResolverInstances = object[];

export interface SchemaOptions {
  resolvers?: ResolverInstances;
  pubSub?: PubSub;
}

/**
 * Builds the executable schema. Resolver classes are looked up among the given instances, so
 * resolvers receive their services by constructor and nothing global is involved.
 */
export async function buildAppSchema(options: SchemaOptions = {}): Promise<GraphQLSchema> {
  const instances = options.resolvers ?? [];
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    validate: { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true },
    pubSub: options.pubSub,
    container: {
      get: (resolverClass: new (...args: never[]) => unknown) => {
        const instance = instances.find((candidate) => candidate instanceof resolverClass);
        if (!instance) throw new Error(`No instance registered for ${resolverClass.name}`);
        return instance;
      },
    },
  });
  return enforceAccess(schema);
}

const HEADER = `# This file is generated from the server's resolvers by \`npm run schema:emit\`.
# Do not edit it by hand; \`npm run check\` fails when it is stale.
`;

/** The SDL committed as schema.graphql. */
export async function printAppSchema(): Promise<string> {
  // Printing never executes anything, so a pubsub that is never used will do.
  const unused: PubSub = {
    publish: () => undefined,
    subscribe: () => {
      throw new Error('not for execution');
    },
  };
  const schema = await buildAppSchema({ pubSub: unused });
  return `${HEADER}\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
