// Fails when src/api/schema.d.ts is not what openapi-typescript makes of ../openapi.yaml today,
// i.e. when the API changed and `npm run gen:api` was not run.
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const spec = new URL('../../openapi.yaml', import.meta.url);
const generated = astToString(await openapiTS(spec));
const committed = readFileSync(new URL('../src/api/schema.d.ts', import.meta.url), 'utf8');
const normalise = (text) => text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').trim();

if (normalise(generated) !== normalise(committed)) {
  console.error('src/api/schema.d.ts is stale against openapi.yaml: run `npm run gen:api` in frontend/.');
  process.exit(1);
}
console.log('src/api/schema.d.ts matches openapi.yaml');
