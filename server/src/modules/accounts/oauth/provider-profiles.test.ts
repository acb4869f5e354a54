import { discordProfile, githubProfile, openIdProfile } from './provider-profiles';

// Response shapes as the providers document and send them, trimmed to the interesting fields.
const GOOGLE_USERINFO = {
  sub: '110169484474386276334',
  name: 'Ada Lovelace',
  given_name: 'Ada',
  family_name: 'Lovelace',
  picture: 'https://lh3.googleusercontent.com/a/ACg8ocJ2vT0-ada=s96-c',
  email: 'Ada.Lovelace@gmail.com',
  email_verified: true,
};

const GITHUB_USER = {
  login: 'octocat',
  id: 583231,
  node_id: 'MDQ6VXNlcjU4MzIzMQ==',
  avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  type: 'User',
  name: 'The Octocat',
  company: '@github',
  email: null,
};

const GITHUB_EMAILS = [
  {
    email: '583231+octocat@users.noreply.github.com',
    primary: false,
    verified: true,
    visibility: null,
  },
  { email: 'Octocat@GitHub.com', primary: true, verified: true, visibility: 'public' },
];

const DISCORD_USER = {
  id: '80351110224678912',
  username: 'nelly',
  discriminator: '0',
  global_name: 'Nelly',
  avatar: '8342729096ea3675442027381ff50dfe',
  verified: true,
  email: 'nelly@discord.com',
  flags: 64,
  mfa_enabled: true,
  locale: 'en-US',
};

describe('OpenID Connect (Google) profiles', () => {
  it('maps the userinfo claims', () => {
    expect(openIdProfile(GOOGLE_USERINFO)).toEqual({
      subject: '110169484474386276334',
      email: 'ada.lovelace@gmail.com',
      emailVerified: true,
      name: 'Ada Lovelace',
      avatarUrl: 'https://lh3.googleusercontent.com/a/ACg8ocJ2vT0-ada=s96-c',
    });
  });

  it('accepts "true" as a verified flag and builds a name from its parts', () => {
    const profile = openIdProfile({
      sub: 'abc',
      email: 'ada@example.org',
      email_verified: 'true',
      given_name: 'Ada',
      family_name: 'Lovelace',
    });
    expect(profile).toMatchObject({ emailVerified: true, name: 'Ada Lovelace' });
    expect(openIdProfile({ sub: 'abc', preferred_username: 'ada' }).name).toBe('ada');
  });

  it('does not call an address verified unless the claim says so', () => {
    expect(openIdProfile({ ...GOOGLE_USERINFO, email_verified: false }).emailVerified).toBe(false);
    expect(openIdProfile({ ...GOOGLE_USERINFO, email_verified: undefined }).emailVerified).toBe(
      false,
    );
    expect(openIdProfile({ ...GOOGLE_USERINFO, email_verified: 'yes' }).emailVerified).toBe(false);
  });

  it('drops what cannot be used: no email, bad email, non-https pictures, oversized names', () => {
    const profile = openIdProfile({
      sub: 'abc',
      email: 'not an address',
      email_verified: true,
      picture: 'http://example.org/me.png',
      name: `  ${'é'.repeat(150)}  `,
    });
    expect(profile).toMatchObject({ email: null, emailVerified: false, avatarUrl: null });
    expect(Array.from(profile.name!)).toHaveLength(100);
    expect(openIdProfile({ sub: 'abc', picture: 'javascript:alert(1)' }).avatarUrl).toBeNull();
    expect(openIdProfile({ sub: 'abc' })).toEqual({
      subject: 'abc',
      email: null,
      emailVerified: false,
      name: null,
      avatarUrl: null,
    });
  });

  it('refuses a response without a subject', () => {
    expect(() => openIdProfile({ email: 'ada@example.org' })).toThrow(/subject/);
    expect(() => openIdProfile({ sub: '' })).toThrow(/subject/);
    expect(() => openIdProfile(['sub'])).toThrow(/not a JSON object/);
    expect(() => openIdProfile(null)).toThrow(/not a JSON object/);
  });
});

describe('GitHub profiles', () => {
  it('takes the verified primary address from the email list', () => {
    expect(githubProfile(GITHUB_USER, GITHUB_EMAILS)).toEqual({
      subject: '583231',
      email: 'octocat@github.com',
      emailVerified: true,
      name: 'The Octocat',
      avatarUrl: 'https://avatars.githubusercontent.com/u/583231?v=4',
    });
  });

  it('prefers a verified address to an unverified primary one, and falls back to the login', () => {
    const emails = [
      { email: 'new@example.org', primary: true, verified: false, visibility: 'private' },
      { email: 'old@example.org', primary: false, verified: true, visibility: null },
    ];
    expect(githubProfile({ ...GITHUB_USER, name: null }, emails)).toMatchObject({
      email: 'old@example.org',
      emailVerified: true,
      name: 'octocat',
    });
    expect(githubProfile(GITHUB_USER, [emails[0]])).toMatchObject({
      email: 'new@example.org',
      emailVerified: false,
    });
  });

  it('uses the public address, unverified, when the list is empty or unreadable', () => {
    const user = { ...GITHUB_USER, email: 'octocat@github.com' };
    expect(githubProfile(user, [])).toMatchObject({
      email: 'octocat@github.com',
      emailVerified: false,
    });
    expect(githubProfile(user, { message: 'Not Found' })).toMatchObject({
      email: 'octocat@github.com',
      emailVerified: false,
    });
    expect(githubProfile(GITHUB_USER, [])).toMatchObject({ email: null, emailVerified: false });
  });
});

describe('Discord profiles', () => {
  it('maps the user and builds the avatar URL on the CDN', () => {
    expect(discordProfile(DISCORD_USER)).toEqual({
      subject: '80351110224678912',
      email: 'nelly@discord.com',
      emailVerified: true,
      name: 'Nelly',
      avatarUrl:
        'https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png',
    });
  });

  it('falls back to the username and leaves out a missing avatar or an unverified address', () => {
    expect(
      discordProfile({ ...DISCORD_USER, global_name: null, avatar: null, verified: false }),
    ).toMatchObject({
      name: 'nelly',
      avatarUrl: null,
      email: 'nelly@discord.com',
      emailVerified: false,
    });
    // Without the email scope Discord sends no address at all.
    const { email: _email, verified: _verified, ...withoutEmail } = DISCORD_USER;
    expect(discordProfile(withoutEmail)).toMatchObject({ email: null, emailVerified: false });
  });

  it('ignores an avatar hash that is not one', () => {
    expect(discordProfile({ ...DISCORD_USER, avatar: '../../evil' }).avatarUrl).toBeNull();
  });
});
