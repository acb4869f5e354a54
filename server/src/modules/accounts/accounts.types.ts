import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Session', { description: 'A signed-in browser or device' })
export class SessionInfo {
  @Field(() => ID)
  id!: string;

  @Field()
  createdAt!: Date;

  @Field()
  lastSeenAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field(() => String, { nullable: true })
  ipAddress!: string | null;

  @Field({ description: 'Browser and OS from the user agent, e.g. "Firefox on Windows"' })
  device!: string;

  @Field({ description: 'True for the session making this request' })
  current!: boolean;
}

@ObjectType({ description: 'A sign-in provider enabled on this server' })
export class AuthProvider {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field({
    description:
      'Where the browser goes to start signing in (GET); add ?link=1 to link it to the signed-in account',
  })
  startUrl!: string;
}

@ObjectType({
  description: 'What the authenticator app needs; shown once while MFA is being set up',
})
export class MfaSetup {
  @Field({ description: 'otpauth:// URI to render as a QR code' })
  otpauthUri!: string;

  @Field({ description: 'The same secret in base32, for typing in by hand' })
  secret!: string;
}

@ObjectType({ description: 'Single-use recovery codes, shown once' })
export class RecoveryCodes {
  @Field(() => [String])
  codes!: string[];
}
