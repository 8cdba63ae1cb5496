// Redocly CLI's lint of openapi.yaml (rules in redocly.yaml), its output passed on as it is but for one box:
// on Node.js 20 (this project's machines and CI) the CLI announces that its future releases need Node.js 22,
// on every run and with no setting to turn it off. That notice is about the tool, not the API, and a reader
// of the test output would have to learn to ignore it. The exit code is the CLI's.
import { spawnSync } from 'node:child_process';

const NOTICE = /\n? *╔═+╗\n(?: *║.*║\n)*? *║ +Deprecation warning: Node\.js 20 support is ending +║\n(?: *║.*║\n)* *╚═+╝\n/;

const lint = spawnSync('redocly', ['lint', '--config', '../redocly.yaml'], {
  encoding: 'utf8',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
if (lint.error) throw lint.error;
process.stdout.write(lint.stdout);
process.stderr.write(lint.stderr.replace(NOTICE, ''));
process.exitCode = lint.status ?? 1;
