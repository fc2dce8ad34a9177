#!/usr/bin/env node
// Runs the CLI from its single-file bundle (fast start), else from dist/.
// A package from npm holds both; in a clone, `npm start`, `npm test` and
// `npm run build` make them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

const { bundleExists, loadBundle, useCliV8Flags } = createRequire(import.meta.url)('./load-bundle.cjs');
useCliV8Flags();
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!bundleExists() && !existsSync(compiled)) {
  process.stderr.write('offerbrief: dist/ is missing, expected the compiled CLI; run `npm run build` in the repository first\n');
  process.exit(2);
}
const { main } = bundleExists() ? loadBundle().exports : await import(compiled.href);

const argv = process.argv.slice(2);
// A one-shot command that starts no worker thread ends before V8's incremental marking of the old
// generation pays off: without it, a cold `render` does no major GC at all (5-9 ms less wall,
// 10-20 ms less CPU; bench/cold.mjs). Set only now, once the bundle's code cache was accepted (its
// check includes V8's flags), and never for batch, lint, serve, lsp or watch, which start workers
// (whose cache check would then fail) or run long.
if (['render', 'plan', 'draft', 'inspect'].includes(argv[0])) setFlagsFromString('--no-incremental-marking');

process.exitCode = await main(argv);
