// Starts one of the export's writer threads (focus-writer-threads.ts): loads focus-writer-thread.ts through
// tsx's API, since a worker thread does not inherit the loader its parent runs under (tsx for `npm start`,
// vite-node under vitest), and the writer must be the same TypeScript module the gateway writes with.
import { tsImport } from 'tsx/esm/api';

await tsImport('./focus-writer-thread.ts', import.meta.url);
