#!/usr/bin/env node
// Runs the CLI from its single-file bundle (fast start), else from dist/.
// A package from npm holds both; in a clone, `npm start`, `npm test` and
// `npm run build` make them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const { bundleExists, loadBundle } = createRequire(import.meta.url)('./load-bundle.cjs');
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!bundleExists() && !existsSync(compiled)) {
  process.stderr.write('offerbrief: dist/ is missing, expected the compiled CLI; run `npm run build` in the repository first\n');
  process.exit(2);
}
const { main } = bundleExists() ? loadBundle().exports : await import(compiled.href);

process.exitCode = await main(process.argv.slice(2));
