#!/usr/bin/env node
// Runs the CLI from its single-file bundle (fast start), else from dist/.
// A package from npm holds both; in a clone, `npm start`, `npm test` and
// `npm run build` make them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

const { bundleExists, loadBundle } = createRequire(import.meta.url)('./load-bundle.cjs');
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!bundleExists() && !existsSync(compiled)) {
  process.stderr.write('offerbrief: dist/ is missing, expected the compiled CLI; run `npm run build` in the repository first\n');
  process.exit(2);
}
const { main } = bundleExists() ? loadBundle().exports : await import(compiled.href);

const argv = process.argv.slice(2);
// V8 for a one-shot command that starts no worker thread (bench/cold.mjs, Node 20.20):
// - no incremental marking of the old generation, which a cold `render` ends before it pays off:
//   it then does no major GC at all (5-9 ms less wall);
// - optimizing later (an interrupt budget of 2,000,000 against V8's 67,584): a cold render compiled
//   functions with TurboFan that ran only a few more times (12-17 ms less wall, 50 ms less CPU;
//   an 11-page brief 263 → 218 ms, a 100-page one 540 → 400 ms, as its hot loops still get there).
// Set only now, once the bundle's code cache was accepted (its check includes V8's flags), and never
// for batch, lint, serve, lsp or watch, which start workers or run long.
if (['render', 'plan', 'draft', 'inspect'].includes(argv[0])) {
  setFlagsFromString('--no-incremental-marking');
  setFlagsFromString('--interrupt-budget=2000000');
}

process.exitCode = await main(argv);
