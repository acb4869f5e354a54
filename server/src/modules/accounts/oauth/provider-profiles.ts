import { normaliseEmail } from '../account.service';
import { SignInProviderError } from './oauth.errors';

/** Who a provider says signed in, reduced to what the account rules need. */
export interface ProviderProfile {
  /** The provider's stable id for the person; emails can change hands, this cannot. */
  subject: string;
  /** Lower-cased; null when the provider shared no usable address. */
  email: string | null;
  /** True only when the provider itself confirmed that the person controls `email`. */
  emailVerified: boolean;
  name: string | null;
  /** https only, so the avatar never turns a page into mixed content. */
  avatarUrl: string | null;
}

type JsonObject = Record<string, unknown>;

// The lengths of the columns these values end up in.
const MAX_SUBJECT = 255;
const MAX_EMAIL = 320;
const MAX_NAME = 100;
const MAX_URL = 2048;

function asObject(value: unknown, what: string): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as JsonObject;
  }
  throw new SignInProviderError(`${what} is not a JSON object`);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function subjectOf(value: unknown, what: string): string {
  // GitHub and Discord ids are numbers in some responses and strings in others.
  const subject =
    typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : text(value);
  if (!subject || subject.length > MAX_SUBJECT) {
    throw new SignInProviderError(`${what} has no usable subject`);
  }
  return subject;
}

function emailOf(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const email = normaliseEmail(raw);
  return email.length <= MAX_EMAIL && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

function nameOf(...candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    const name = text(candidate)?.replace(/\s+/g, ' ');
    // Cut by code point, as PostgreSQL counts varchar length, so no surrogate pair is split.
    if (name) return Array.from(name).slice(0, MAX_NAME).join('');
  }
  return null;
}

function httpsUrl(value: unknown): string | null {
  const raw = text(value);
  if (!raw || raw.length > MAX_URL) return null;
  try {
    return new URL(raw).protocol === 'https:' ? raw : null;
  } catch {
    return null;
  }
}

// Some issuers send the OpenID claim as the string "true".
const isTrue = (value: unknown) => value === true || value === 'true';

/** An OpenID Connect userinfo response (Google's and any standard issuer's). */
export function openIdProfile(userinfo: unknown): ProviderProfile {
  const claims = asObject(userinfo, 'The userinfo response');
  const email = emailOf(claims.email);
  const givenAndFamily = [text(claims.given_name), text(claims.family_name)]
    .filter(Boolean)
    .join(' ');
  return {
    subject: subjectOf(claims.sub, 'The userinfo response'),
    email,
    emailVerified: email !== null && isTrue(claims.email_verified),
    name: nameOf(claims.name, givenAndFamily, claims.preferred_username),
    avatarUrl: httpsUrl(claims.picture),
  };
}

/**
 * GitHub's `GET /user` and `GET /user/emails`. The profile's own `email` is only the public one
 * and may be empty, so the address comes from the list: the primary one when GitHub verified
 * it, else any verified one, else the unverified primary (which we then verify ourselves).
 */
export function githubProfile(user: unknown, emails: unknown): ProviderProfile {
  const profile = asObject(user, 'The GitHub user');
  const entries = (Array.isArray(emails) ? emails : [])
    .filter((entry): entry is JsonObject => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      email: emailOf(entry.email),
      primary: entry.primary === true,
      verified: entry.verified === true,
    }))
    .filter((entry) => entry.email !== null);
  const chosen =
    entries.find((entry) => entry.primary && entry.verified) ??
    entries.find((entry) => entry.verified) ??
    entries.find((entry) => entry.primary);
  const fallback = emailOf(profile.email);
  return {
    subject: subjectOf(profile.id, 'The GitHub user'),
    email: chosen?.email ?? fallback,
    emailVerified: chosen?.verified ?? false,
    name: nameOf(profile.name, profile.login),
    avatarUrl: httpsUrl(profile.avatar_url),
  };
}

/** Discord's `GET /users/@me`; the avatar is a hash that names an image on Discord's CDN. */
export function discordProfile(user: unknown): ProviderProfile {
  const profile = asObject(user, 'The Discord user');
  const subject = subjectOf(profile.id, 'The Discord user');
  const email = emailOf(profile.email);
  const avatar = text(profile.avatar);
  return {
    subject,
    email,
    emailVerified: email !== null && profile.verified === true,
    name: nameOf(profile.global_name, profile.username),
    avatarUrl:
      avatar && /^\w+$/.test(avatar)
        ? `https://cdn.discordapp.com/avatars/${encodeURIComponent(subject)}/${avatar}.png`
        : null,
  };
}
