/**
 * A drop-in for the `react-style-singleton` package, which the playground's dialogs and menus use
 * (through react-remove-scroll) to lock page scrolling. The original adds a <style> element at run
 * time, which the page's Content-Security-Policy (`style-src 'self'`) refuses. This version applies
 * the same CSS as a constructed stylesheet (`document.adoptedStyleSheets`), which goes through the
 * CSSOM and needs no CSP exception. vite.config.ts aliases the package to this module.
 */
import { useEffect } from 'react';

interface Stylesheet {
  add: (style: string) => void;
  remove: () => void;
}

/** One shared stylesheet: added with the first user, removed with the last. */
export function stylesheetSingleton(): Stylesheet {
  let users = 0;
  let sheet: CSSStyleSheet | null = null;
  return {
    add(style) {
      if (users === 0 && typeof document !== 'undefined') {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(style);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      users += 1;
    },
    remove() {
      users -= 1;
      if (users === 0 && sheet) {
        const current = sheet;
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== current);
        sheet = null;
      }
    },
  };
}

/** A hook that keeps `styles` applied while the calling component is mounted. */
export function styleHookSingleton(): (styles: string, isDynamic?: boolean) => void {
  const sheet = stylesheetSingleton();
  return function useStyle(styles: string) {
    useEffect(() => {
      sheet.add(styles);
      return () => sheet.remove();
    }, [styles]);
  };
}

/** A component form of the hook: renders nothing, applies `styles` while mounted. */
export function styleSingleton(): (props: { styles: string; dynamic?: boolean }) => null {
  const useStyle = styleHookSingleton();
  return function Sheet({ styles, dynamic }) {
    useStyle(styles, dynamic);
    return null;
  };
}
