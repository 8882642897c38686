/** Builds the app with Vite into its own directory and measures what a browser downloads. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** minify false: for a CPU profile with the source's function names (sizes are then not the users'). */
export async function buildApp(outDir: string, minify = true): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, minify } });
}

export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleSize {
  js: AssetSize[];
  css: AssetSize[];
  jsGzip: number;
  cssGzip: number;
}

/** zlib gzip (level 6, what a web server typically uses) of every .js and .css under assets/. */
export async function bundleSize(outDir: string): Promise<BundleSize> {
  const dir = join(outDir, 'assets');
  const files = (await readdir(dir)).sort();
  const sizes: AssetSize[] = [];
  for (const file of files) {
    if (!file.endsWith('.js') && !file.endsWith('.css')) continue;
    const body = await readFile(join(dir, file));
    sizes.push({ file, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length });
  }
  const js = sizes.filter((s) => s.file.endsWith('.js'));
  const css = sizes.filter((s) => s.file.endsWith('.css'));
  const sum = (xs: AssetSize[]) => xs.reduce((n, s) => n + s.gzip, 0);
  return { js, css, jsGzip: sum(js), cssGzip: sum(css) };
}
