// A worker thread does not inherit the TypeScript loader of the process that starts it (neither
// bin/orienta.js's nor vitest's): it registers tsx itself, then runs the reader.
import { register } from 'tsx/esm/api';

register();
await import('./pdf-worker.ts');
