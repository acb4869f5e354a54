import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const backend = `http://localhost:${process.env.PORT || 4000}`;

/**
 * GraphiQL's stylesheet embeds its web fonts (Roboto, Fira Code) as data: URLs, which the page's
 * CSP (`font-src 'self'`) would refuse. The playground uses the system font stack instead
 * (src/graphiql/graphiql.css), so the @font-face rules are dropped from that stylesheet.
 */
function graphiqlWithoutEmbeddedFonts(): Plugin {
  const graphiqlStylesheet = /[\\/]node_modules[\\/]graphiql[\\/]dist[\\/]style\.css(\?.*)?$/;
  return {
    name: 'aiofm:graphiql-without-embedded-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!graphiqlStylesheet.test(id)) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*\}/g, ''), map: null };
    },
  };
}

// Paths the dev server hands to the aiofm server (`npm start` in another terminal). Matched as
// whole path segments, so that /graphiql.html (the playground's source, hot-reloaded) stays here.
// /assets serves the built playground that the server returns for /graphiql; the dev server
// itself never uses that path.
const proxied = {
  '^/graphql(?=$|[/?])': { target: backend, ws: true },
  '^/(graphiql|assets|files|auth|healthz|readyz)(?=$|[/?])': { target: backend },
};

export default defineConfig({
  root: clientDir,
  plugins: [react(), graphiqlWithoutEmbeddedFonts()],
  resolve: {
    alias: [
      {
        // Radix (inside GraphiQL) injects <style> tags through this package; the CSP forbids them.
        find: /^react-style-singleton$/,
        replacement: fileURLToPath(
          new URL('./src/graphiql/constructed-style-singleton.ts', import.meta.url),
        ),
      },
    ],
  },
  optimizeDeps: {
    // Pre-bundle the dependencies of both pages up front, so that opening the playground in the
    // dev server for the first time does not trigger a reload.
    entries: ['index.html', 'graphiql.html'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Every asset becomes a hashed file under assets/; nothing is inlined as a data: URL.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onLog(level, log, handler) {
        // GraphiQL's React compiler runtime carries a "use no memo" directive that bundling
        // drops; it only matters to the React compiler, which this build does not run.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id?.includes('node_modules')) return;
        handler(level, log);
      },
      input: {
        app: fileURLToPath(new URL('./index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('./graphiql.html', import.meta.url)),
      },
    },
  },
  server: {
    port: 5173,
    proxy: proxied,
  },
  preview: {
    proxy: proxied,
  },
});
