/**
 * The layers of DESIGN.md hold: no import cycle under src/, and no layer imports one above it. The rules are
 * in .dependency-cruiser.cjs (dependency-cruiser, run here so `npm test` fails on a violation); a second
 * test proves the check itself fails on a cycle and an upward import, so a broken config cannot pass silently.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: readonly { readonly name: string }[];
}

function violations(cwd: string): Violation[] {
  let out: string;
  try {
    out = execFileSync(DEPCRUISE, ['src', '--config', join(cwd, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

const describeViolation = (v: Violation): string =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

describe('architecture', () => {
  it('src/ has no import cycle and no upward import', () => {
    expect(violations(ROOT).map(describeViolation)).toEqual([]);
  }, 60_000);

  const fixture = mkdtempSync(join(tmpdir(), 'pg-layers-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('the check fails on a cycle and on a source importing a resolver', () => {
    copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(fixture, '.dependency-cruiser.cjs'));
    copyFileSync(join(ROOT, 'tsconfig.json'), join(fixture, 'tsconfig.json'));
    mkdirSync(join(fixture, 'src', 'sources'), { recursive: true });
    mkdirSync(join(fixture, 'src', 'resolvers'), { recursive: true });
    writeFileSync(join(fixture, 'src', 'sources', 'a.ts'), "import type { B } from '../resolvers/b.js';\nexport type A = B | 1;\n");
    writeFileSync(join(fixture, 'src', 'resolvers', 'b.ts'), "import type { A } from '../sources/a.js';\nexport type B = A | 2;\n");
    const found = violations(fixture).map((v) => v.rule.name).sort();
    expect(found).toEqual(['no-circular', 'sources-imports-only-below']);
  }, 60_000);
});
