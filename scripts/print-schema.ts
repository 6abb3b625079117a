/** `npm run schema`: writes schema.graphql from the Pothos schema (a test fails when it is stale). */
import { writeFileSync } from 'node:fs';
import { printedSchema } from '../src/schema/index.js';

writeFileSync(new URL('../schema.graphql', import.meta.url), printedSchema());
console.log('schema.graphql written');
