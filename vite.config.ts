import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The visualizer: a static build (dist/) that loads nothing from other hosts. The simulation
// runs in a module Web Worker (app/worker/worker.ts), bundled as an ES module.
export default defineConfig({
  root: '.',
  plugins: [react()],
  // The page bundle holds React, XState, zod and sim-core's page side (sim-core/page.ts: scenario
  // library, code book, machine definitions): about 665 kB minified, 211 kB gzipped. The worker
  // bundle holds the simulation: about 220 kB, 77 kB gzipped. Issue 3's budget is 300 kB gzipped
  // for all JS (scripts/bench-ui measures it); app/page-bundle.test.ts keeps each side lean.
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 700 },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
});
