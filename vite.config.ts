import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The visualizer: a static build (dist/) that loads nothing from other hosts. The simulation
// runs in a module Web Worker (app/worker/worker.ts), bundled as an ES module.
export default defineConfig({
  root: '.',
  plugins: [react()],
  // The page bundle holds React, XState and sim-core's scenario library (presets, validation):
  // about 500 kB minified, 160 kB gzipped, loaded once from this host.
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 700 },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
});
