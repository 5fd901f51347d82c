// Node, Bun and Deno: `<runtime> test/runtimes/run.mjs` prints the suite's results as JSON.
import * as server from '../../dist/server.js';
import { runSuite } from './handler-suite.mjs';

console.log(JSON.stringify(await runSuite(server)));
