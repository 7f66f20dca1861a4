// Run before each test file (vitest.config.ts setupFiles): the file's temporary folders go when its tests are done.
import { afterAll } from 'vitest';
import { removeTempDirs } from './tempDir.ts';

afterAll(removeTempDirs);
