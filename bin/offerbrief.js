#!/usr/bin/env node
// Runs the CLI from its single-file bundle (fast start), else from dist/.
// `npm ci` builds both through the `prepare` script.
import { createRequire } from 'node:module';

const { bundleExists, loadBundle } = createRequire(import.meta.url)('./load-bundle.cjs');
const { main } = bundleExists() ? loadBundle().exports : await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
