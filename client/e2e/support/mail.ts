import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { DATA_DIR_ENV } from './server';

/** An email the server wrote to DATA_DIR/mail (the file driver, used when SMTP_URL is unset). */
export interface SentMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

function mailDir(): string {
  const dataDir = process.env[DATA_DIR_ENV];
  if (!dataDir) {
    throw new Error(`${DATA_DIR_ENV} is not set: run these tests through e2e/jest.config.cjs`);
  }
  return path.join(dataDir, 'mail');
}

async function emlFiles(): Promise<{ file: string; mtimeMs: number }[]> {
  let names: string[];
  try {
    names = await readdir(mailDir());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = await Promise.all(
    names
      .filter((name) => name.endsWith('.eml'))
      .map(async (name) => {
        const file = path.join(mailDir(), name);
        return { file, mtimeMs: (await stat(file)).mtimeMs };
      }),
  );
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.file.localeCompare(b.file));
}

async function parse(file: string): Promise<SentMail> {
  const parsed = await simpleParser(await readFile(file));
  const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
  return { file, to: to ?? '', subject: parsed.subject ?? '', text: parsed.text ?? '' };
}

/** The names of the emails written so far, to tell new ones apart later. */
export async function mailSnapshot(): Promise<Set<string>> {
  return new Set((await emlFiles()).map((entry) => entry.file));
}

/**
 * Waits for the newest email to `to` that was not in `before` and whose text contains a link
 * to `linkPath`; mail is sent by the server's worker, a moment after the request.
 */
export async function waitForMail(
  to: string,
  linkPath: string,
  before: Set<string>,
  timeoutMs = 20_000,
): Promise<{ mail: SentMail; link: string }> {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`https?://[^\\s"'<>]+${linkPath.replace(/[/?]/g, '\\$&')}[^\\s"'<>]*`);
  while (Date.now() < deadline) {
    const fresh = (await emlFiles()).filter((entry) => !before.has(entry.file)).reverse();
    for (const entry of fresh) {
      const mail = await parse(entry.file);
      if (!mail.to.toLowerCase().includes(to.toLowerCase())) continue;
      const link = mail.text.match(pattern)?.[0];
      if (link) return { mail, link };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no email to ${to} with a ${linkPath} link within ${timeoutMs / 1000} s`);
}
