import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { tempDir } from './helpers.ts';

describe('clipbench demo', () => {
  it('runs the product three-pass sweep offline, writes the report, and a re-run reuses every clip', async () => {
    const cwd = tempDir('demo');
    const first = memoryContext({ cwd, env: {} });
    expect(await main(['demo', '--json'], first)).toBe(0);
    const one = JSON.parse(first.out());
    expect(one.status).toBe('completed');
    expect(one.summary.simulated).toBe(true);
    expect(one.passes.map((p: { pass: string }) => p.pass)).toEqual(['baseline', 'mid', 'stress']);
    expect(one.new_submits).toBeGreaterThanOrEqual(9);
    expect(one.summary.recommendation).not.toBeNull();
    const html = readFileSync(one.report, 'utf8');
    expect(html).toContain('<video');
    expect(html.toLowerCase()).toContain('simulated');

    const second = memoryContext({ cwd, env: {} });
    expect(await main(['demo'], second)).toBe(0);
    expect(second.out()).toContain('0 new submits');
    expect(second.out()).toContain('nothing paid twice');
    expect(second.out()).toMatch(/recommended approved motion_score range: [\d.]+–[\d.]+/);
    expect(existsSync(one.report)).toBe(true);
  }, 120_000);
});
