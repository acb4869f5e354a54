/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const css = readFileSync(path.join(__dirname, 'tokens.css'), 'utf8');

/** The custom properties declared in the first rule whose selector matches exactly. */
function tokensOf(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule for ${selector}`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const tokens = new Map<string, string>();
  for (const match of body.matchAll(/(--[\w-]+):\s*([^;]+);/g))
    tokens.set(match[1]!, match[2]!.trim());
  return tokens;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  ) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const light = tokensOf(':root');
const dark = tokensOf(":root[data-theme='dark']");
const systemDark = tokensOf(':root:not([data-theme])');

// [foreground, background, minimum ratio]: 4.5 for text (WCAG AA), 3 for focus rings and control
// borders (WCAG 1.4.11 non-text contrast).
const pairs: Array<[string, string, number]> = [];
for (const background of ['--color-bg', '--color-surface', '--color-surface-sunken']) {
  pairs.push(['--color-text', background, 4.5], ['--color-text-muted', background, 4.5]);
  pairs.push(['--color-link', background, 4.5], ['--color-focus', background, 3]);
}
pairs.push(
  ['--color-primary', '--color-surface', 4.5],
  ['--color-on-primary', '--color-primary', 4.5],
  ['--color-on-primary', '--color-primary-hover', 4.5],
  ['--color-on-danger', '--color-danger', 4.5],
  ['--color-on-danger', '--color-danger-hover', 4.5],
  ['--color-danger-text', '--color-surface', 4.5],
  ['--color-border-strong', '--color-surface', 3],
  ['--color-border-strong', '--color-bg', 3],
);
for (const tone of ['info', 'success', 'warning', 'danger', 'neutral']) {
  pairs.push([`--color-${tone}-text`, `--color-${tone}-bg`, 4.5]);
  pairs.push([`--color-${tone}-text`, '--color-surface', 4.5]);
}

describe('design tokens', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ])('meet WCAG AA contrast in the %s theme', (_name, tokens) => {
    const failures = pairs
      .map(([fg, bg, minimum]) => {
        const fgValue = tokens.get(fg) ?? light.get(fg);
        const bgValue = tokens.get(bg) ?? light.get(bg);
        if (!fgValue || !bgValue) return `${fg} on ${bg}: token missing`;
        const ratio = contrast(fgValue, bgValue);
        return ratio >= minimum ? null : `${fg} on ${bg}: ${ratio.toFixed(2)} < ${minimum}`;
      })
      .filter(Boolean);
    expect(failures).toEqual([]);
  });

  it('define every colour of the light theme in the dark theme', () => {
    const lightColours = [...light.keys()].filter((name) => name.startsWith('--color-'));
    expect(lightColours.filter((name) => !dark.has(name))).toEqual([]);
  });

  it('keep the forced-dark and system-dark blocks identical', () => {
    expect(Object.fromEntries(systemDark)).toEqual(Object.fromEntries(dark));
  });

  it('use only system fonts', () => {
    expect(css).not.toMatch(/@font-face|@import|url\(/);
  });
});
