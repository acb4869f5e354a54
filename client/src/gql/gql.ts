/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment Viewer on User {\n  id\n  email\n  name\n  emailVerified\n  avatarUrl\n  mfaEnabled\n  role\n  createdAt\n  ageConfirmedAt\n  pendingEmail\n  hasPassword\n  linkedAccounts {\n    id\n    provider\n    providerName\n    email\n    createdAt\n  }\n}\n\nquery Me {\n  me {\n    ...Viewer\n  }\n}\n\nquery AuthProviders {\n  authProviders {\n    id\n    name\n    startUrl\n  }\n}\n\nmutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignOut {\n  signOut\n}\n\nmutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ResendVerificationEmail {\n  resendVerificationEmail\n}\n\nmutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input)\n}\n\nmutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ConfirmAge {\n  confirmAge {\n    ...Viewer\n  }\n}\n\nmutation CompleteSignIn($input: CompleteSignInInput!) {\n  completeSignIn(input: $input) {\n    ...Viewer\n  }\n}": typeof types.ViewerFragmentDoc,
    "subscription Notices {\n  notices {\n    id\n    level\n    message\n    createdAt\n  }\n}": typeof types.NoticesDocument,
    "query ServerInfo {\n  serverInfo {\n    name\n    version\n    environment\n    startedAt\n  }\n}": typeof types.ServerInfoDocument,
    "mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RequestEmailChange($input: ChangeEmailInput!) {\n  requestEmailChange(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input)\n}\n\nmutation BeginMfaSetup {\n  beginMfaSetup {\n    otpauthUri\n    secret\n  }\n}\n\nmutation ConfirmMfaSetup($code: String!) {\n  confirmMfaSetup(code: $code) {\n    codes\n  }\n}\n\nmutation DisableMfa($input: DisableMfaInput!) {\n  disableMfa(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RegenerateRecoveryCodes($code: String!) {\n  regenerateRecoveryCodes(code: $code) {\n    codes\n  }\n}\n\nmutation UnlinkAccount($id: ID!) {\n  unlinkAccount(id: $id) {\n    ...Viewer\n  }\n}\n\nquery Sessions {\n  sessions {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ipAddress\n    device\n    current\n  }\n}\n\nmutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}\n\nmutation RevokeOtherSessions {\n  revokeOtherSessions\n}": typeof types.UpdateProfileDocument,
};
const documents: Documents = {
    "fragment Viewer on User {\n  id\n  email\n  name\n  emailVerified\n  avatarUrl\n  mfaEnabled\n  role\n  createdAt\n  ageConfirmedAt\n  pendingEmail\n  hasPassword\n  linkedAccounts {\n    id\n    provider\n    providerName\n    email\n    createdAt\n  }\n}\n\nquery Me {\n  me {\n    ...Viewer\n  }\n}\n\nquery AuthProviders {\n  authProviders {\n    id\n    name\n    startUrl\n  }\n}\n\nmutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignOut {\n  signOut\n}\n\nmutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ResendVerificationEmail {\n  resendVerificationEmail\n}\n\nmutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input)\n}\n\nmutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ConfirmAge {\n  confirmAge {\n    ...Viewer\n  }\n}\n\nmutation CompleteSignIn($input: CompleteSignInInput!) {\n  completeSignIn(input: $input) {\n    ...Viewer\n  }\n}": types.ViewerFragmentDoc,
    "subscription Notices {\n  notices {\n    id\n    level\n    message\n    createdAt\n  }\n}": types.NoticesDocument,
    "query ServerInfo {\n  serverInfo {\n    name\n    version\n    environment\n    startedAt\n  }\n}": types.ServerInfoDocument,
    "mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RequestEmailChange($input: ChangeEmailInput!) {\n  requestEmailChange(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input)\n}\n\nmutation BeginMfaSetup {\n  beginMfaSetup {\n    otpauthUri\n    secret\n  }\n}\n\nmutation ConfirmMfaSetup($code: String!) {\n  confirmMfaSetup(code: $code) {\n    codes\n  }\n}\n\nmutation DisableMfa($input: DisableMfaInput!) {\n  disableMfa(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RegenerateRecoveryCodes($code: String!) {\n  regenerateRecoveryCodes(code: $code) {\n    codes\n  }\n}\n\nmutation UnlinkAccount($id: ID!) {\n  unlinkAccount(id: $id) {\n    ...Viewer\n  }\n}\n\nquery Sessions {\n  sessions {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ipAddress\n    device\n    current\n  }\n}\n\nmutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}\n\nmutation RevokeOtherSessions {\n  revokeOtherSessions\n}": types.UpdateProfileDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment Viewer on User {\n  id\n  email\n  name\n  emailVerified\n  avatarUrl\n  mfaEnabled\n  role\n  createdAt\n  ageConfirmedAt\n  pendingEmail\n  hasPassword\n  linkedAccounts {\n    id\n    provider\n    providerName\n    email\n    createdAt\n  }\n}\n\nquery Me {\n  me {\n    ...Viewer\n  }\n}\n\nquery AuthProviders {\n  authProviders {\n    id\n    name\n    startUrl\n  }\n}\n\nmutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignOut {\n  signOut\n}\n\nmutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ResendVerificationEmail {\n  resendVerificationEmail\n}\n\nmutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input)\n}\n\nmutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ConfirmAge {\n  confirmAge {\n    ...Viewer\n  }\n}\n\nmutation CompleteSignIn($input: CompleteSignInInput!) {\n  completeSignIn(input: $input) {\n    ...Viewer\n  }\n}"): (typeof documents)["fragment Viewer on User {\n  id\n  email\n  name\n  emailVerified\n  avatarUrl\n  mfaEnabled\n  role\n  createdAt\n  ageConfirmedAt\n  pendingEmail\n  hasPassword\n  linkedAccounts {\n    id\n    provider\n    providerName\n    email\n    createdAt\n  }\n}\n\nquery Me {\n  me {\n    ...Viewer\n  }\n}\n\nquery AuthProviders {\n  authProviders {\n    id\n    name\n    startUrl\n  }\n}\n\nmutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation SignOut {\n  signOut\n}\n\nmutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ResendVerificationEmail {\n  resendVerificationEmail\n}\n\nmutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}\n\nmutation ResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input)\n}\n\nmutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...Viewer\n  }\n}\n\nmutation ConfirmAge {\n  confirmAge {\n    ...Viewer\n  }\n}\n\nmutation CompleteSignIn($input: CompleteSignInInput!) {\n  completeSignIn(input: $input) {\n    ...Viewer\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription Notices {\n  notices {\n    id\n    level\n    message\n    createdAt\n  }\n}"): (typeof documents)["subscription Notices {\n  notices {\n    id\n    level\n    message\n    createdAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServerInfo {\n  serverInfo {\n    name\n    version\n    environment\n    startedAt\n  }\n}"): (typeof documents)["query ServerInfo {\n  serverInfo {\n    name\n    version\n    environment\n    startedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RequestEmailChange($input: ChangeEmailInput!) {\n  requestEmailChange(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input)\n}\n\nmutation BeginMfaSetup {\n  beginMfaSetup {\n    otpauthUri\n    secret\n  }\n}\n\nmutation ConfirmMfaSetup($code: String!) {\n  confirmMfaSetup(code: $code) {\n    codes\n  }\n}\n\nmutation DisableMfa($input: DisableMfaInput!) {\n  disableMfa(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RegenerateRecoveryCodes($code: String!) {\n  regenerateRecoveryCodes(code: $code) {\n    codes\n  }\n}\n\nmutation UnlinkAccount($id: ID!) {\n  unlinkAccount(id: $id) {\n    ...Viewer\n  }\n}\n\nquery Sessions {\n  sessions {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ipAddress\n    device\n    current\n  }\n}\n\nmutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}\n\nmutation RevokeOtherSessions {\n  revokeOtherSessions\n}"): (typeof documents)["mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RequestEmailChange($input: ChangeEmailInput!) {\n  requestEmailChange(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input)\n}\n\nmutation BeginMfaSetup {\n  beginMfaSetup {\n    otpauthUri\n    secret\n  }\n}\n\nmutation ConfirmMfaSetup($code: String!) {\n  confirmMfaSetup(code: $code) {\n    codes\n  }\n}\n\nmutation DisableMfa($input: DisableMfaInput!) {\n  disableMfa(input: $input) {\n    ...Viewer\n  }\n}\n\nmutation RegenerateRecoveryCodes($code: String!) {\n  regenerateRecoveryCodes(code: $code) {\n    codes\n  }\n}\n\nmutation UnlinkAccount($id: ID!) {\n  unlinkAccount(id: $id) {\n    ...Viewer\n  }\n}\n\nquery Sessions {\n  sessions {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    ipAddress\n    device\n    current\n  }\n}\n\nmutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}\n\nmutation RevokeOtherSessions {\n  revokeOtherSessions\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;