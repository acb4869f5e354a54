import { sanitiseFilename } from './filename';

describe('sanitiseFilename', () => {
  it.each([
    ['holiday.jpg', 'holiday.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\photo.png', 'photo.png'],
    ['.hidden.png', 'hidden.png'],
    ['a\u0000b\u202e\nc.png', 'abc.png'],
    ['  spaced   out .webp ', 'spaced out .webp'],
    ['Café "quoted" <b>.png', 'Café quoted b.png'],
    ['', 'upload'],
    ['...', 'upload'],
  ])('%j becomes %j', (raw, expected) => {
    expect(sanitiseFilename(raw)).toBe(expected);
  });

  it('shortens long names but keeps the extension', () => {
    const name = sanitiseFilename(`${'x'.repeat(300)}.jpeg`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.jpeg')).toBe(true);
  });
});
