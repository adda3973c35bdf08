// Bundles src/flowchart.js and its dependencies into one ES module at ../wwwroot/js/flowchart.js.
// The studio project's MSBuild target runs this before the static web assets are collected.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const canvasDirectory = fileURLToPath(new URL('.', import.meta.url));

await build({
  entryPoints: [`${canvasDirectory}src/flowchart.js`],
  outfile: `${canvasDirectory}../wwwroot/js/flowchart.js`,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
});
