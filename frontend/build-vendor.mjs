// Copies the browser builds of the web pages' libraries into the jar's static folder, so they are served locally
// from /vendor/ (no CDN: the pages must work inside the municipality's network and under a strict CSP).
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'target', 'classes', 'static', 'vendor');
const files = [
  ['node_modules/chart.js/dist/chart.umd.min.js', 'chart.umd.min.js'],
  // UMD build: defines globalThis.msal when loaded with a plain <script>.
  ['node_modules/@azure/msal-browser/lib/msal-browser.min.js', 'msal-browser.min.js'],
];

mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  copyFileSync(join(here, from), join(out, to));
  console.log(`vendor: ${to} (${statSync(join(out, to)).size} bytes)`);
}
