import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The backend serves the built dashboard at `/`, same origin as `/api`; in development the
// Vite server forwards `/api` (REST and the SSE stream) to a backend on port 8080.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    chunkSizeWarningLimit: 1024,
  },
})
