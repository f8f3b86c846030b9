import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './src/web/precompress-plugin.ts';

// The web app lives in src/web and is served by the API server from dist/web (see src/server/app.ts).
export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // antd and echarts are big by nature; the chart is loaded lazily, so this only keeps the log quiet.
    chunkSizeWarningLimit: 3000,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
