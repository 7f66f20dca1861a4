// The benches' temporary folders: the tests' (tests/support/tempDir.ts), removed when the bench's process exits.
import { removeTempDirs, tempDir } from '../tests/support/tempDir.ts';

process.on('exit', removeTempDirs);

export { tempDir };
