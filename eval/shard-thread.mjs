// A worker thread starts as plain Node, as bin/orienta.js does: the TypeScript loader first, then the shard.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
