/**
 * The e2e test server (Playwright's webServer): bundles the fixture page and the sim-core
 * worker with esbuild, in memory, then serves them and index.html on 127.0.0.1 only. Nothing
 * is written to disk, so the bundle is always built from the current sources.
 *
 *   npx tsx e2e/serve.ts            # port from E2E_PORT, default 4179
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PORT = Number(process.env.E2E_PORT ?? 4179);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

// The app's policy (index.html at the root): no eval, scripts and workers from this origin.
// Sent as a header so it covers the worker script too (a worker gets the policy of its response).
const CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; img-src data:";

const bundle = await build({
  entryPoints: { page: fixture('page.ts'), 'sim-worker': fixture('sim-worker.ts') },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  outdir: '/out',
  logLevel: 'warning',
});

const files = new Map<string, { type: string; body: Uint8Array }>();
files.set('/', { type: 'text/html; charset=utf-8', body: readFileSync(fixture('index.html')) });
for (const f of bundle.outputFiles) {
  files.set(f.path.replace(/^\/out/, ''), { type: 'text/javascript; charset=utf-8', body: f.contents });
}

createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  const file = files.get(path === '/index.html' ? '/' : path);
  if ((req.method !== 'GET' && req.method !== 'HEAD') || file === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`);
    return;
  }
  res
    .writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.byteLength,
      'content-security-policy': CSP,
      'cache-control': 'no-store',
    })
    .end(req.method === 'HEAD' ? undefined : file.body);
}).listen(PORT, '127.0.0.1', () => {
  const sizes = [...files].map(([p, f]) => `${p} ${f.body.byteLength} B`).join(', ');
  console.log(`e2e server on http://127.0.0.1:${PORT}/ (${sizes})`);
});
