import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The console is served by the API at `/` (src/http/console.ts): hashed files under /assets, a
 * manifest for the bundle budget (scripts/bundle-budget.mjs), no inline script (strict CSP).
 * `npm run dev -w console` runs Vite on :5173 with the API (npm start, :4000) behind it.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    manifest: true,
    sourcemap: true,
    // No inline <script> for the module preload polyfill: the CSP allows same-origin scripts only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/graphql': 'http://localhost:4000',
      '/auth': 'http://localhost:4000',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
