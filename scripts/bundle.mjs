// Bundles the compiled CLI (dist/) into dist/bundle/offerbrief.cjs, with its
// worker threads' code, then writes V8's code cache for it.
//
// Why: loading ~400 small ES modules was more than half of a cold
// `offerbrief render` (resolution, file reads, compiling). One minified file
// with a code cache starts in about a third of that (bench/render.mjs).
// CommonJS because Node 20 can only take a code cache for a vm.Script.
//
// Not a V8 startup snapshot (`node --build-snapshot`, measured 2026-12-04 on Node 20.20.2): a
// snapshot warmed with one render started `render` in 0.37–0.48 s against 0.51–0.64 s from this
// bundle, byte-identical, but its blob is 19 MB and loads only into the exact Node binary and V8
// flags that built it (so it cannot ship in the package), and the CLI would have to start a second
// `node --snapshot-blob …` process, which alone costs ~0.1 s here. Left out: it does not pay.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// pdfkit@0.20.2 imports these at its top, and their modules build tables when they load: AES
// (@noble/ciphers) is needed only for briefs with a password, linebreak only for text that pdfkit
// wraps itself (offerbrief lays out its own lines). fontkit@2.0.4 inflates three unicode-trie@2.0.0
// tables when it loads (the Arabic, Indic and universal shapers' states), read only when fontkit
// shapes text of those scripts; offerbrief's own layout places Latin, Greek and Cyrillic text
// without the shaper (src/render/fonts.ts). Each becomes a stand-in that loads the real module, or
// builds the real table, on first use, so a plain render skips ~13 ms (AES, linebreak) and
// 8-15 ms (tables) of start-up (bench/cold.mjs). Not unicode-properties' own table: every fontkit
// glyph asks it whether it is a mark, so it is built by the first glyph anyway; tiny-inflate's
// stand-in inflates it with native zlib instead, 9 ms less wall and 20 ms less CPU per cold render.
const lazyModules = {
  '@noble/ciphers/aes': {
    importers: /[\\/]node_modules[\\/]pdfkit[\\/]/,
    contents: "export function cbc(...a) { return require('@noble/ciphers/aes').cbc(...a); }\nexport function ecb(...a) { return require('@noble/ciphers/aes').ecb(...a); }\n",
  },
  linebreak: {
    importers: /[\\/]node_modules[\\/]pdfkit[\\/]/,
    contents: "export default function LineBreaker(text) { const Real = require('linebreak'); return new Real(text); }\n",
  },
  // Only `get` is ever called on these tables (fontkit@2.0.4).
  'unicode-trie': {
    importers: /[\\/]node_modules[\\/]fontkit[\\/]/,
    contents:
      'export default class LazyUnicodeTrie {\n' +
      '  constructor(data) { this.data = data; this.trie = null; }\n' +
      "  get(codePoint) { if (this.trie === null) { const Real = require('unicode-trie'); this.trie = new Real(this.data); this.data = null; } return this.trie.get(codePoint); }\n" +
      '}\n',
  },
  // Not lazy: native zlib in place of inflate in JavaScript (scripts/shims/tiny-inflate.cjs).
  'tiny-inflate': {
    importers: /[\\/]node_modules[\\/](unicode-trie|fontkit)[\\/]/,
    contents: readFileSync(new URL('./shims/tiny-inflate.cjs', import.meta.url), 'utf8'),
  },
};
const lazyImports = {
  name: 'lazy-imports',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(lazyModules).map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) =>
      lazyModules[args.path].importers.test(args.importer) ? { path: args.path, namespace: 'lazy', pluginData: { resolveDir: args.resolveDir } } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: lazyModules[args.path].contents, loader: 'js', resolveDir: args.pluginData.resolveDir }));
  },
};

// The bundled templates, parsed now by the code being bundled (src/render/template.ts).
const { prepareBundledTemplates } = await import('../dist/render/template.js');
const preparedTemplates = await prepareBundledTemplates();
// And the constant parts of the base faces' subsets (src/render/subset.ts).
const { prepareBundledFaces } = await import('../dist/render/fonts.js');
const preparedFaces = prepareBundledFaces();

await build({
  plugins: [lazyImports],
  entryPoints: ['dist/bundle-entry.js'],
  outfile: 'dist/bundle/offerbrief.cjs',
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The bundle knows it is one (paths.ts), and where it is, and holds its templates parsed and its
  // faces' constant subset parts.
  define: { OFFERBRIEF_BUNDLE: 'true', 'import.meta.url': '__offerbriefImportMetaUrl', OFFERBRIEF_PREPARED_TEMPLATES: JSON.stringify(preparedTemplates), OFFERBRIEF_PREPARED_FACES: JSON.stringify(preparedFaces) },
  // Written as the function Node.js would wrap a CommonJS module in, so the loader
  // compiles the file as it is (bin/load-bundle.cjs) instead of a 2 MB concatenation.
  banner: { js: "(function(exports,require,module,__filename,__dirname){'use strict';var __offerbriefImportMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: '})' },
  legalComments: 'none',
  logLevel: 'warning',
});

// ASCII only, so V8 holds the 2 MB source as one byte per character, not two, in the main thread and
// in every worker, and reads it faster. esbuild's default charset escapes non-ASCII characters
// everywhere but in regular expression literals (esbuild 0.28; evanw/esbuild#4205): they are all
// inside /…/ here (and one String.raw that becomes a RegExp), where \uXXXX means the same character.
{
  const file = 'dist/bundle/offerbrief.cjs';
  const source = readFileSync(file, 'utf8');
  if (/\\[^\x00-\x7f]/.test(source)) throw new Error(`${file}: a backslash before a non-ASCII character, which \\uXXXX would change`);
  writeFileSync(file, source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

// Worker threads start from these and load the same bundle (and cache).
for (const kind of ['batch', 'lint']) {
  writeFileSync(
    `dist/bundle/${kind}-worker.cjs`,
    `'use strict';\nrequire('../../bin/load-bundle.cjs').loadBundle().exports.workers.${kind}();\n`,
  );
}

// The code cache: run the commands once in one process, so the cache holds the
// functions they compile, then save it (scripts/warm-code-cache.cjs).
rmSync('dist/bundle/offerbrief.cjs.cache', { force: true });
const out = mkdtempSync(join(tmpdir(), 'offerbrief-warm-'));
try {
  execFileSync(process.execPath, ['scripts/warm-code-cache.cjs', out], { stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  rmSync(out, { recursive: true, force: true });
}
