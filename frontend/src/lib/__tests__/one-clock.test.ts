import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every "now" and "today" of the SPA comes from src/lib/clock.ts, which follows the server's clock.
// Reading the browser's clock elsewhere would bring back deadlines counted from a wrong PC clock.
const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ALLOWED = new Set(['lib/clock.ts', 'app/server-clock.ts']);
const BROWSER_NOW = [
  /\bDate\.now\(/,
  /\bnew Date\(\s*\)/,
  /\bdayjs\(\s*\)/,
  /\bgetFullYear\(/,
  /\btoLocaleDateString\(/,
  /\bperformance\.now\(/,
];

function sources(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((path) => relative(SRC, join(SRC, path)).split('\\').join('/'))
    .filter((path) => /\.(ts|tsx)$/.test(path) && !path.includes('__tests__/') && !path.endsWith('.d.ts'));
}

describe('one clock', () => {
  it('is the only reader of the browser clock', () => {
    const offenders = sources()
      .filter((path) => !ALLOWED.has(path))
      .flatMap((path) =>
        readFileSync(join(SRC, path), 'utf8')
          .split('\n')
          .flatMap((line, index) => (BROWSER_NOW.some((pattern) => pattern.test(line)) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
