import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Runs `work` with TMPDIR pointing at a folder of its own, so a test can see every temporary file
 * left behind; restores TMPDIR and removes the folder afterwards.
 */
export async function withTemporaryFolderAsTmpdir<T>(work: (directory: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(path.join(tmpdir(), 'wennuan-tmpdir-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = directory;
  try {
    return await work(directory);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(directory, { recursive: true, force: true });
  }
}
