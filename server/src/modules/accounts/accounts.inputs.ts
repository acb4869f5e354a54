import { Field, InputType } from 'type-graphql';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH } from './password';

// Password rules beyond the length cap (minimum, common passwords) are checked by the service,
// which answers WEAK_PASSWORD with the reason.
const Password = () =>
  MaxLength(PASSWORD_MAX_LENGTH, { message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` });
const Email = () => IsEmail({}, { message: 'Enter a valid email address.' });

@InputType()
export class SignUpInput {
  @Field()
  @Length(1, 100, { message: 'Enter your name (up to 100 characters).' })
  name!: string;

  @Field()
  @Email()
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @Password()
  password!: string;

  @Field()
  @IsBoolean()
  ageConfirmed!: boolean;
}

@InputType()
export class SignInInput {
  @Field()
  @Email()
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @Password()
  password!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  totpCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(32)
  recoveryCode?: string | null;
}

@InputType()
export class ResetPasswordInput {
  @Field()
  @Length(1, 128)
  token!: string;

  @Field()
  @IsString()
  @Password()
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @Password()
  currentPassword!: string;

  @Field()
  @IsString()
  @Password()
  newPassword!: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: 'Enter your name (up to 100 characters).' })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A PNG, JPEG or WebP image under 200 KB as a data: URL, or null to remove the avatar',
  })
  @ValidateIf((_input, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(300_000, { message: 'Choose an image under 200 KB.' })
  avatarUrl?: string | null;
}

@InputType()
export class ChangeEmailInput {
  @Field()
  @Email()
  @MaxLength(320)
  newEmail!: string;

  @Field(() => String, { nullable: true, description: 'Required when the account has a password' })
  @IsOptional()
  @Password()
  currentPassword?: string | null;
}

@InputType()
export class DisableMfaInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Password()
  password?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  code?: string | null;
}

@InputType()
export class CompleteSignInInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  totpCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(32)
  recoveryCode?: string | null;
}
