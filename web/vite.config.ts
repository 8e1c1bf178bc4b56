import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In development the API runs on its own port (npm start, or SHEQU_API=http://127.0.0.1:PORT); Vite forwards to it. */
const apiTarget = process.env.SHEQU_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/openapi.json': apiTarget,
      '/docs': apiTarget,
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
});
