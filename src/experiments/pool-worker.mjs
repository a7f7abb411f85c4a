// Workers do not inherit the main thread's TypeScript loader in every host (tsx API, vitest),
// so the worker registers tsx itself before loading the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
