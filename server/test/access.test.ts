import { isObjectType } from 'graphql';
import { buildAppSchema } from '../src/graphql/schema';

// The public surface, spelled out: any new root field is closed unless it is added here on purpose.
const PUBLIC_FIELDS = [
  'Mutation.completeSignIn',
  'Mutation.confirmEmailChange',
  'Mutation.requestPasswordReset',
  'Mutation.resetPassword',
  'Mutation.signIn',
  'Mutation.signOut',
  'Mutation.signUp',
  'Mutation.verifyEmail',
  'Query.authProviders',
  'Query.me',
  'Query.serverInfo',
  'Subscription.notices',
];

describe('authorization', () => {
  it('is closed by default: only the listed root fields are public', async () => {
    const schema = await buildAppSchema({
      pubSub: {
        publish: () => undefined,
        subscribe: () => ({
          [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }),
        }),
      },
    });
    const open: string[] = [];
    for (const root of [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]) {
      if (!root || !isObjectType(root)) continue;
      for (const field of Object.values(root.getFields())) {
        if ((field.extensions as { access?: string }).access === 'public')
          open.push(`${root.name}.${field.name}`);
      }
    }
    expect(open.sort()).toEqual(PUBLIC_FIELDS);
  });
});
