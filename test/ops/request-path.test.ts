/** The request log's path (src/ops/request-scope.ts `pathOf`): read directly from a plain URL, else as URL normalises it. */
import { describe, expect, it } from 'vitest';
import { pathOf } from '../../src/ops/request-scope.js';

describe('pathOf', () => {
  it('reads the path of plain URLs without the query or fragment', () => {
    expect(pathOf('http://127.0.0.1:4000/graphql')).toBe('/graphql');
    expect(pathOf('http://gateway.test/graphql?query=%7B%7D')).toBe('/graphql');
    expect(pathOf('https://a.example/export/consumption?cycle=2026-10#x')).toBe('/export/consumption');
    expect(pathOf('http://host')).toBe('/');
    expect(pathOf('http://host?x=1')).toBe('/');
  });

  it('normalises what is not plain as URL does, and falls back to / when URL cannot parse it', () => {
    expect(pathOf('http://host/a/../graphql')).toBe('/graphql');
    expect(pathOf('http://host/%67raphql')).toBe('/%67raphql');
    expect(pathOf('http://host/favicon.ico')).toBe('/favicon.ico');
    expect(pathOf('http://[::1')).toBe('/');
  });
});
