import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createContext, generate } from '@graphql-codegen/cli';

describe('GraphQL Code Generator output', () => {
  it('is up to date with schema.graphql and the documents (run `npm run codegen`)', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const context = await createContext({ config: `${root}codegen.yml` } as never);
    context.cwd = root;
    const files = (await generate(context, false)) as { filename: string; content: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(`${root}${file.filename}`, 'utf8'), file.filename).toBe(file.content);
    }
  }, 60_000);
});
