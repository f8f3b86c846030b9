// A worker thread does not inherit the TypeScript loader that bin/wennuan.js registers: register it
// here, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./row-preparation.worker.ts');
