import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff app is served by the API server under /app/; in development Vite proxies the API to it.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
