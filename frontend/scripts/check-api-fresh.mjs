// Fails when src/api/schema.d.ts is not what openapi-typescript makes of ../openapi.yaml today,
// i.e. when the API changed and `npm run gen:api` was not run, or when generating it warns.
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const spec = new URL('../../openapi.yaml', import.meta.url);
const warnings = [];
const warn = console.warn;
console.warn = (...args) => warnings.push(args.join(' '));
const generated = astToString(await openapiTS(spec));
console.warn = warn;
if (warnings.length > 0) {
  console.error(`openapi-typescript warned on ../openapi.yaml:\n${warnings.join('\n')}`);
  process.exit(1);
}
const committed = readFileSync(new URL('../src/api/schema.d.ts', import.meta.url), 'utf8');
const normalise = (text) => text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').trim();

if (normalise(generated) !== normalise(committed)) {
  console.error('src/api/schema.d.ts is stale against openapi.yaml: run `npm run gen:api` in frontend/.');
  process.exit(1);
}
console.log('src/api/schema.d.ts matches openapi.yaml');
