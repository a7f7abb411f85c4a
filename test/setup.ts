/** Run before each test file: the folders it made with tempDir (test/helpers.ts) go when it ends. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.ts';

afterAll(removeTempDirs);
