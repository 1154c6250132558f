#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npm start` works on a fresh clone without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../adapters/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
