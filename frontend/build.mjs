// Writes the vendored browser bundles. Maven runs this in generate-resources (output into target/classes so the jar
// serves them); `node build.mjs <dir>` writes elsewhere.
import { build } from 'esbuild';
import { resolve } from 'node:path';

const out = resolve(process.argv[2] ?? '../target/classes/static/vendor');
const common = { bundle: true, minify: true, format: 'iife', target: ['es2020'], legalComments: 'linked', logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['src/fluent.js'], outfile: `${out}/fluent-web-components.js` }),
  build({ ...common, entryPoints: ['src/msal.js'], outfile: `${out}/msal-browser.js`, globalName: 'msal' }),
  build({ ...common, entryPoints: ['src/chart.js'], outfile: `${out}/chart.js`, globalName: 'Chart', footer: { js: 'Chart=Chart.default;' } }),
]);
console.log(`vendor bundles written to ${out}`);
