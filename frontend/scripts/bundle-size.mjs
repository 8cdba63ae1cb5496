// Initial JavaScript of the production build: the entry chunk and every chunk it imports statically
// (what the browser must fetch before the first page renders), gzip-compressed like the server sends it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const LIMIT_KB = Number(process.env.INITIAL_JS_LIMIT_KB ?? 400);

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const dep of manifest[key].imports ?? []) visit(dep);
};
visit(entry);

const initialKb = [...initial].reduce((sum, key) => sum + gzipKb(manifest[key].file), 0);
const allJs = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js'));
const totalKb = allJs.reduce((sum, chunk) => sum + gzipKb(chunk.file), 0);
const largestLazy = allJs
  .filter((chunk) => ![...initial].some((key) => manifest[key].file === chunk.file))
  .map((chunk) => ({ file: chunk.file, kb: gzipKb(chunk.file) }))
  .sort((a, b) => b.kb - a.kb)[0];

console.log(`initial JS: ${initial.size} chunks, ${initialKb.toFixed(1)} KB gzip (limit ${LIMIT_KB} KB)`);
console.log(`all JS: ${allJs.length} chunks, ${totalKb.toFixed(1)} KB gzip`);
if (largestLazy) console.log(`largest lazy chunk: ${largestLazy.file} ${largestLazy.kb.toFixed(1)} KB gzip`);
if (initialKb > LIMIT_KB) {
  console.error('initial JavaScript is over the limit');
  process.exit(1);
}
