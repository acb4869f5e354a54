import { RECOVERY_CODES_FILE_NAME, downloadTextFile, recoveryCodesText } from './recovery-codes';

/** jsdom's Blob has no text(); FileReader reads it the older way. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const codes = ['abcd-efgh-ijkl', 'mnop-qrst-uvwx', '2345-6789-abcd'];

describe('recoveryCodesText', () => {
  const text = recoveryCodesText(codes, {
    email: 'ada@example.com',
    site: 'https://studio.example',
    generatedAt: new Date('2025-06-01T12:00:00Z'),
  });

  it('says whose codes they are, where and when they were made', () => {
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('aiofm recovery codes');
    expect(lines).toContain('Account: ada@example.com');
    expect(lines).toContain('Site: https://studio.example');
    expect(lines).toContain('Created: 2025-06-01T12:00:00.000Z');
    expect(text).toMatch(/Each code works once/);
  });

  it('lists every code on a line of its own, in order, and ends with a line break', () => {
    const lines = text.split('\r\n');
    const first = lines.indexOf(codes[0]!);
    expect(lines.slice(first, first + codes.length)).toEqual(codes);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
  });
});

describe('downloadTextFile', () => {
  it('downloads the text as a named plain-text file and releases the object URL', async () => {
    jest.useFakeTimers();
    const created: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:aiofm/1';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicks: HTMLAnchorElement[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this);
    });

    downloadTextFile(RECOVERY_CODES_FILE_NAME, 'one\r\ntwo\r\n');

    expect(click).toHaveBeenCalledTimes(1);
    expect(clicks[0]?.download).toBe('aiofm-recovery-codes.txt');
    expect(clicks[0]?.getAttribute('href')).toBe('blob:aiofm/1');
    expect(document.querySelector('a[download]')).toBeNull();
    expect(created[0]?.type).toBe('text/plain;charset=utf-8');
    jest.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:aiofm/1');
    jest.useRealTimers();
    expect(await readBlob(created[0]!)).toBe('one\r\ntwo\r\n');
  });
});
