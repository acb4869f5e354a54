import { Field, ID, InputType, Int } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';

@InputType()
export class AdminGrantCreditsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Give the id of an existing user.' })
  userId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'Grant at least 1 credit.' })
  @Max(1_000_000, { message: 'Grant at most 1,000,000 credits at a time.' })
  amount!: number;

  @Field({ description: 'Shown to the user in their history' })
  @Length(3, 500, { message: 'Say why, in 3 to 500 characters.' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Send the same key again to retry safely' })
  @IsOptional()
  @Length(8, 200)
  idempotencyKey?: string | null;
}
