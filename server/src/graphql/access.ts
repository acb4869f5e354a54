import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { Extensions } from 'type-graphql';
import { AppError } from './errors';
import type { GraphQLContext } from './context';

export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'AGE_CONFIRMATION_REQUIRED';

/** Refusals of the access rules every root field passes through. */
export class AccessError extends AppError<AccessErrorCode> {}

interface AccessExtensions {
  access?: 'public';
  allowUnconfirmedAge?: boolean;
  roles?: string[];
}

/** Marks a query, mutation or subscription as open to anonymous callers. */
export const Public = () => Extensions({ access: 'public' } satisfies AccessExtensions);

/** Lets a signed-in user who has not yet confirmed being 18+ call this field. */
export const AllowUnconfirmedAge = () =>
  Extensions({ allowUnconfirmedAge: true } satisfies AccessExtensions);

/** Restricts a field to users with one of these roles. */
export const RequireRole = (...roles: string[]) => Extensions({ roles } satisfies AccessExtensions);

/** Throws unless the caller may use a root field with these extensions. */
export function assertAccess(extensions: AccessExtensions, context: GraphQLContext): void {
  if (extensions.access === 'public') return;
  const user = context.identity?.user;
  if (!user) throw new AccessError('UNAUTHENTICATED', 'Sign in to continue.');
  if (user.disabledAt) throw new AccessError('FORBIDDEN', 'This account is disabled.');
  if (!user.ageConfirmedAt && !extensions.allowUnconfirmedAge) {
    throw new AccessError(
      'AGE_CONFIRMATION_REQUIRED',
      'Confirm that you are 18 or older to use aiofm.',
    );
  }
  if (extensions.roles && !extensions.roles.includes(user.role)) {
    throw new AccessError('FORBIDDEN', 'You do not have permission to do this.');
  }
}

/**
 * Closes every query, mutation and subscription by default: each root field is wrapped so it
 * runs only for a signed-in, enabled, age-confirmed user, unless it is marked `@Public()`. Doing
 * it on the schema covers HTTP and WebSocket alike.
 */
export function enforceAccess(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [
    schema.getQueryType(),
    schema.getMutationType(),
    schema.getSubscriptionType(),
  ]) {
    if (!root || !isObjectType(root)) continue;
    for (const field of Object.values(root.getFields())) {
      const extensions = field.extensions as AccessExtensions;
      const guard = (context: GraphQLContext) => assertAccess(extensions, context);
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: GraphQLContext, info) => {
        guard(context);
        return resolve(source, args, context, info);
      };
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args, context: GraphQLContext, info) => {
          guard(context);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}

/** The signed-in identity, in resolvers that the access rules already closed to anonymous callers. */
export function requireIdentity(context: GraphQLContext) {
  if (!context.identity) throw new AccessError('UNAUTHENTICATED', 'Sign in to continue.');
  return context.identity;
}
