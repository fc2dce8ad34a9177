// Parse-to-model throughput on one core: markdown → mdast → Guide model.
// Usage: node bench/parse.mjs [guide.md] [seconds]   (default: the bundled Scale AI guide, 3 s)
import { readFileSync } from 'node:fs';
import { parseGuide } from '../dist/parse/index.js';

const file = process.argv[2] ?? new URL('../guides/scale-ai-security-engineer.md', import.meta.url).pathname;
const seconds = Number(process.argv[3] ?? 3);
const bytes = readFileSync(file);

// Warm up the JIT, then measure.
for (let i = 0; i < 300; i++) parseGuide(bytes);
let count = 0;
const started = performance.now();
while (performance.now() - started < seconds * 1000) {
  for (let i = 0; i < 20; i++) parseGuide(bytes);
  count += 20;
}
const elapsed = (performance.now() - started) / 1000;
const perSecond = count / elapsed;
console.log(`parse: ${file.split('/').pop()} (${(bytes.length / 1024).toFixed(1)} KB): ${perSecond.toFixed(0)} guides/s on one core (${(1000 / perSecond).toFixed(2)} ms per guide, ${count} parses)`);
