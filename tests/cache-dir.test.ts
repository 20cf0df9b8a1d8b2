import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEntry } from '../src/cache-dir.js';

describe('cache entries (src/cache-dir.ts)', () => {
  it('an entry replaces the entries of its slot, and no other', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-entries-'));
    writeFileSync(path.join(dir, 'typescript.js-abc-100-1.bin'), 'old');
    writeFileSync(path.join(dir, 'typescript.js-abd-100-1.bin'), 'another install');
    writeFileSync(path.join(dir, 'ts-morph.js-abc-5-1.bin'), 'another file');
    writeEntry(path.join(dir, 'typescript.js-abc-101-2.bin'), 'new', 'typescript.js-abc-');
    expect(readdirSync(dir).sort()).toEqual(['ts-morph.js-abc-5-1.bin', 'typescript.js-abc-101-2.bin', 'typescript.js-abd-100-1.bin']);
    expect(readFileSync(path.join(dir, 'typescript.js-abc-101-2.bin'), 'utf8')).toBe('new');
  });

  it('an entry that cannot be written leaves the old ones, and throws nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-entries-'));
    writeFileSync(path.join(dir, 'slot-1.json'), 'old');
    writeEntry(path.join(dir, 'missing-folder', 'slot-2.json'), 'new', 'slot-');
    expect(readdirSync(dir)).toEqual(['slot-1.json']);
  });
});
