import type { EntityManager } from 'typeorm';
import type { FieldError } from '../providers/params';
import type { GenerationKind } from '../providers/provider';
import type { PreparedGeneration } from './generation-request';
import type { GenerationRequestInput, GenerationSettingsInput } from './generation.inputs';

/** A request as the model's checks take it: which model, and every setting of the form. */
export interface GenerationFields extends Omit<GenerationSettingsInput, 'prompt'> {
  kind: GenerationKind;
  provider: string;
  model: string;
  prompt: string;
}

/** A request turned into fields, with what it was made from. */
export interface ComposedGeneration {
  fields: GenerationFields;
  /** Problems found while composing (a template's variables, characters); reported with the model's. */
  errors: FieldError[];
  /** Records what the generation was made from, in the transaction that inserts it. */
  record?(
    manager: EntityManager,
    generationId: string,
    prepared: PreparedGeneration,
  ): Promise<void>;
}

/**
 * Turns a start request (plain settings, or a recipe, template, characters and AI model) into
 * the fields the model checks. The library implements it; generations only call it.
 */
export interface GenerationComposer {
  compose(userId: string, input: GenerationRequestInput): Promise<ComposedGeneration>;
}
