import { Field, ID, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TemplateVariableDefinition } from './library.types';

/** A prompt with {{placeholders}}, filled from variables, a character and an AI model. */
@ObjectType({ description: 'A prompt with {{placeholders}} and the variables they name' })
@Entity('prompt_templates')
@Index('prompt_templates_owner_created', ['ownerId', 'createdAt'])
export class PromptTemplate {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field({ description: 'The text, with {{variable}}, {{character.name}}, {{model.description}}…' })
  @Column({ type: 'text' })
  body!: string;

  @Field(() => [TemplateVariableDefinition])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  variables!: TemplateVariableDefinition[];

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
