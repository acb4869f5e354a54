import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { PromptTemplateConnection } from './library-connections';
import {
  CreatePromptTemplateInput,
  LibraryListArgs,
  RenderPromptTemplateArgs,
  UpdatePromptTemplateInput,
} from './library.inputs';
import { RenderedPrompt } from './library.types';
import { PromptTemplate } from './prompt-template.entity';
import type { PromptTemplatesService } from './prompt-templates.service';

@Resolver(() => PromptTemplate)
export class PromptTemplateResolver {
  constructor(private readonly templates: PromptTemplatesService) {}

  @Query(() => PromptTemplateConnection, { description: 'My prompt templates, newest first' })
  promptTemplates(@Args() args: LibraryListArgs, @Ctx() context: GraphQLContext) {
    return this.templates.list(requireIdentity(context).user.id, args);
  }

  @Query(() => PromptTemplate, { description: 'One of my prompt templates' })
  promptTemplate(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.templates.get(requireIdentity(context).user.id, id);
  }

  @Query(() => RenderedPrompt, {
    description:
      'A template (saved, or a draft) filled in, with unknown or missing variables as field errors',
  })
  renderPromptTemplate(@Args() args: RenderPromptTemplateArgs, @Ctx() context: GraphQLContext) {
    return this.templates.render(requireIdentity(context).user.id, args);
  }

  @Mutation(() => PromptTemplate)
  createPromptTemplate(
    @Arg('input') input: CreatePromptTemplateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return this.templates.create(requireIdentity(context).user.id, input);
  }

  @Mutation(() => PromptTemplate, {
    description: 'Changes the fields given; recipe versions keep the text they were saved with',
  })
  updatePromptTemplate(
    @Arg('input') input: UpdatePromptTemplateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return this.templates.update(requireIdentity(context).user.id, input);
  }

  @Mutation(() => ID, {
    description: 'Deletes a template; recipes and generations keep the text they used',
  })
  deletePromptTemplate(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.templates.delete(requireIdentity(context).user.id, id);
  }
}
