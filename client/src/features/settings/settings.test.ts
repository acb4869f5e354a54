import { initials, isDisplayableImage } from '../../ui';
import {
  AVATAR_MAX_BYTES,
  avatarFileProblem,
  centredSquare,
  dataUrlBytes,
  isAcceptedAvatar,
} from './avatar-image';
import { QUIET_ZONE, qrPath } from './qr-code';
import { orderSessions, revokedMessage } from './SessionsPage';
import { groupSecret, normalizeTotp } from './TwoFactorCard';

describe('qrPath', () => {
  it('draws the code with a quiet zone, starting with the top-left finder pattern', () => {
    const { size, d } = qrPath('otpauth://totp/aiofm:ada%40example.com?secret=JBSWY3DPEHPK3PXP');
    // Versions grow by 4 modules from 21; the quiet zone adds 4 on each side.
    expect((size - 2 * QUIET_ZONE - 21) % 4).toBe(0);
    // The finder pattern's top row is 7 dark modules, drawn as one run.
    expect(d.startsWith(`M${QUIET_ZONE} ${QUIET_ZONE}h7v1h-7z`)).toBe(true);
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
  });

  it('gives the same picture for the same text', () => {
    expect(qrPath('abc')).toEqual(qrPath('abc'));
    expect(qrPath('abc').d).not.toBe(qrPath('abd').d);
  });
});

describe('two-factor helpers', () => {
  it('groups the setup key in fours for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });

  it('accepts six digits, with spaces', () => {
    expect(normalizeTotp('123 456')).toBe('123456');
    expect(normalizeTotp(' 654321 ')).toBe('654321');
    expect(normalizeTotp('12345')).toBeNull();
    expect(normalizeTotp('12a456')).toBeNull();
  });
});

describe('avatar images', () => {
  const png = `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\n')}`;

  it('counts the bytes a base64 data URL carries', () => {
    expect(dataUrlBytes('data:image/png;base64,')).toBe(0);
    expect(dataUrlBytes(`data:text/plain;base64,${btoa('a')}`)).toBe(1);
    expect(dataUrlBytes(`data:text/plain;base64,${btoa('ab')}`)).toBe(2);
    expect(dataUrlBytes(`data:text/plain;base64,${btoa('abc')}`)).toBe(3);
  });

  it('accepts small PNG, JPEG and WebP data URLs only', () => {
    expect(isAcceptedAvatar(png)).toBe(true);
    expect(isAcceptedAvatar(png.replace('image/png', 'image/webp'))).toBe(true);
    expect(isAcceptedAvatar(png.replace('image/png', 'image/gif'))).toBe(false);
    expect(isAcceptedAvatar('https://images.example/me.png')).toBe(false);
    const big = `data:image/jpeg;base64,${'A'.repeat(Math.ceil((AVATAR_MAX_BYTES + 3) / 3) * 4)}`;
    expect(isAcceptedAvatar(big)).toBe(false);
  });

  it('refuses files that are not pictures, or absurdly large', () => {
    expect(avatarFileProblem({ type: 'image/heic', size: 1000 })).toBeNull();
    expect(avatarFileProblem({ type: 'application/pdf', size: 1000 })).toMatch(/image file/);
    expect(avatarFileProblem({ type: 'image/png', size: 50 * 1024 * 1024 })).toMatch(/too large/);
  });

  it('crops the centred square', () => {
    expect(centredSquare(400, 300)).toEqual({ x: 50, y: 0, side: 300 });
    expect(centredSquare(300, 500)).toEqual({ x: 0, y: 100, side: 300 });
  });
});

describe('sessions', () => {
  const session = (id: string, lastSeenAt: string, current = false) => ({
    id,
    createdAt: '2025-01-01T00:00:00Z',
    lastSeenAt,
    expiresAt: '2025-02-01T00:00:00Z',
    ipAddress: null,
    device: 'Firefox on Linux',
    current,
  });

  it('lists this device first, then the most recently active', () => {
    const ordered = orderSessions([
      session('old', '2025-01-02T00:00:00Z'),
      session('new', '2025-01-05T00:00:00Z'),
      session('here', '2025-01-01T00:00:00Z', true),
    ]);
    expect(ordered.map((entry) => entry.id)).toEqual(['here', 'new', 'old']);
  });

  it('counts the sessions signed out', () => {
    expect(revokedMessage(0)).toBe('No other sessions were signed in.');
    expect(revokedMessage(1)).toBe('Signed out of 1 other session.');
    expect(revokedMessage(4)).toBe('Signed out of 4 other sessions.');
  });
});

describe('initials', () => {
  it('takes the first letters of the first and last names', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace')).toBe('G');
    expect(initials('  Jean  Baptiste  Say ')).toBe('JS');
    expect(initials('Élodie Ørsted')).toBe('ÉØ');
    expect(initials('')).toBe('?');
  });
});

describe('isDisplayableImage', () => {
  it('shows inline and same-site pictures only, never another origin’s', () => {
    expect(isDisplayableImage('data:image/webp;base64,UklGRg==')).toBe(true);
    expect(isDisplayableImage('blob:http://localhost/1')).toBe(true);
    expect(isDisplayableImage('/files/avatar.png')).toBe(true);
    expect(isDisplayableImage('https://avatars.example.com/u/1')).toBe(false);
    expect(isDisplayableImage('//avatars.example.com/u/1')).toBe(false);
    expect(isDisplayableImage('data:text/html;base64,PGI+')).toBe(false);
    expect(isDisplayableImage(null)).toBe(false);
  });
});
