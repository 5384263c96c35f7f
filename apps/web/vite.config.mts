import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Built by `npm run build:web` into apps/web/dist, which the api serves from the same origin.
// No @vitejs/plugin-react: Vite 8's oxc transform compiles TSX with React's automatic runtime
// (the plugin would only add Fast Refresh, and its optional Babel peers conflict with jest's).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npx vite apps/web` during development, with the api on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
