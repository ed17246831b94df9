import { describe, it, expect } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHELL_FILES } from '../../src/ReadingTracker.Api/wwwroot/js/offline/shell-files.js';

const root = fileURLToPath(new URL('../../src/ReadingTracker.Api/wwwroot/', import.meta.url));

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [`/${relative(root, path).split(sep).join('/')}`];
  });
}

describe('the offline app shell', () => {
  it('ListsEveryFileTheClientIsMadeOf_ExceptTheWorkerItself', () => {
    const files = walk(root).filter((f) => f !== '/sw.js');
    expect(SHELL_FILES.filter((f) => f !== '/').sort()).toEqual(files.sort());
  });
});
