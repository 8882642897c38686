import { defineConfig } from 'vite';

// The visualizer arrives with the next issue; this builds the placeholder page.
export default defineConfig({
  root: '.',
  build: { outDir: 'dist', target: 'es2022' },
  worker: { format: 'es' },
});
