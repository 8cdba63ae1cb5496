/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes a .br and a .gz twin next to every hashed asset of the build, compressed once at the highest
 * levels; the backend sends the twin the browser accepts (api/main.py) instead of compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'banhat-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!file.startsWith('assets/') || !/\.(js|css|svg)$/.test(file)) continue;
        const path = join(options.dir ?? 'dist', file);
        const data = readFileSync(path);
        if (data.length < 1024) continue; // not worth a second request header's bytes
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * Swagger UI (swagger-ui-dist, pinned by package-lock.json) copied to dist/api-docs, from where the backend
 * serves the API docs page's assets (/api/v1/docs/assets): the page loads with no request leaving the server.
 */
function apiDocsAssets(): Plugin {
  return {
    name: 'banhat-api-docs-assets',
    apply: 'build',
    writeBundle(options) {
      const source = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
      const target = join(options.dir ?? 'dist', 'api-docs');
      mkdirSync(target, { recursive: true });
      for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png']) {
        copyFileSync(join(source, file), join(target, file));
      }
    },
  };
}

// The backend serves dist/ at "/" in production; in development the API is proxied.
export default defineConfig({
  plugins: [react(), precompress(), apiDocsAssets()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  build: {
    outDir: 'dist',
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // One jsdom for all test files of a worker: building a jsdom and importing antd again for each test
    // file made `npx vitest run --isolate` take 60 s against 22 s (docs/testing.md). Tests share no state
    // beyond what src/test/setup.ts resets after each test (testing-library's cleanup) and its stubs.
    isolate: false,
    // The shared test machine can be slow; typing into antd inputs in jsdom takes seconds under load.
    testTimeout: 20_000,
  },
});
