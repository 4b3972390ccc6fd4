/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` serves the UI on :5173 and proxies the API to a torchlab
// running on :8080 (or TORCHLAB_URL); `npm run build` writes dist/, which the binary embeds.
export default defineConfig({
  plugins: [vue()],
  server: { proxy: { '/api': process.env.TORCHLAB_URL ?? 'http://127.0.0.1:8080' } },
  test: { include: ['src/**/*.test.ts', 'scripts/**/*.test.mjs'] },
  // Pre-bundled for the dev server, so the first camera opening does not
  // race a re-bundle (production builds are unaffected).
  optimizeDeps: { include: ['barcode-detector/ponyfill'] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
})
