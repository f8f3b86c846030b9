/**
 * One backup, one file: a gzip'd tar whose first entry, `manifest.json`, lists every other file with
 * its size and SHA-256. Unpacking checks every file against the manifest and refuses anything that
 * does not match, is missing, is extra, or would land outside the folder it is unpacked into.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';

export const MANIFEST_NAME = 'manifest.json';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ArchiveManifest {
  files: ManifestFile[];
}

export class BackupArchiveError extends Error {}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Lists the files under `root` (relative paths with forward slashes), depth first, sorted. */
export function listFiles(root: string, relative = ''): string[] {
  const here = path.join(root, relative);
  if (!fs.existsSync(here)) return [];
  return fs
    .readdirSync(here, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(root, child);
      return entry.isFile() ? [child] : [];
    });
}

export async function describeFiles(root: string, files: readonly string[]): Promise<ManifestFile[]> {
  const described: ManifestFile[] = [];
  for (const file of files) {
    const full = path.join(root, file);
    described.push({ path: file, bytes: fs.statSync(full).size, sha256: await sha256OfFile(full) });
  }
  return described;
}

/**
 * Writes `manifest` and the files it lists (read from `root`) to `outFile`, through a `.partial`
 * file renamed at the end: a backup file that exists is complete.
 */
export async function packArchive<M extends ArchiveManifest>(
  root: string,
  manifest: M,
  outFile: string,
): Promise<void> {
  const partial = `${outFile}.partial`;
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), fs.createWriteStream(partial, { mode: 0o600 }));
  try {
    await addEntry(pack, MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    for (const file of manifest.files) await addFileEntry(pack, file, path.join(root, file.path));
    pack.finalize();
    await written;
    fs.renameSync(partial, outFile);
  } catch (error) {
    pack.destroy();
    await written.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

function addEntry(pack: tar.Pack, name: string, content: Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    pack.entry({ name, size: content.length, mode: 0o600 }, content, (error) => (error ? reject(error) : resolve())),
  );
}

function addFileEntry(pack: tar.Pack, file: ManifestFile, full: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = pack.entry({ name: file.path, size: file.bytes, mode: 0o600 }, (error) =>
      error ? reject(error) : resolve(),
    );
    fs.createReadStream(full).on('error', reject).pipe(entry);
  });
}

/** Unpacks `archive` into the empty folder `into` and checks it against its manifest; returns the manifest. */
export async function unpackArchive<M extends ArchiveManifest>(archive: string, into: string): Promise<M> {
  if (!fs.existsSync(archive)) throw new BackupArchiveError(`there is no backup file at ${archive}`);
  fs.mkdirSync(into, { recursive: true });
  const extract = tar.extract();
  const seen = new Map<string, string>();
  let manifest: M | null = null;
  extract.on('entry', (header, stream, next) => {
    const name = header.name;
    const target = safeTarget(into, name);
    if (header.type !== 'file' || !target) {
      stream.resume();
      extract.destroy(new BackupArchiveError(`the backup holds an entry it should not: ${name}`));
      return;
    }
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const out = fs.createWriteStream(target, { mode: 0o600 });
    // a damaged file fails the extractor, which fails the entry being read: the pipeline reports
    // it, the entry's own copy must not escape as an uncaught error
    stream.on('error', () => out.destroy());
    stream.on('data', (data: unknown) => {
      const chunk = data as Buffer;
      hash.update(chunk);
      if (name === MANIFEST_NAME) chunks.push(chunk);
    });
    stream.pipe(out);
    out.on('finish', () => {
      seen.set(name, hash.digest('hex'));
      if (name === MANIFEST_NAME) manifest = parseManifest<M>(Buffer.concat(chunks));
      next();
    });
    out.on('error', (error) => extract.destroy(error));
  });
  try {
    await pipeline(fs.createReadStream(archive), createGunzip(), extract);
  } catch (error) {
    if (error instanceof BackupArchiveError) throw error;
    throw new BackupArchiveError(`the backup file is damaged or not a wennuan backup (${(error as Error).message})`);
  }
  if (!manifest) throw new BackupArchiveError('the backup file has no manifest: it is not a wennuan backup');
  checkAgainstManifest((manifest as M).files, seen);
  return manifest;
}

function parseManifest<M>(content: Buffer): M {
  try {
    const parsed = JSON.parse(content.toString('utf8')) as M & { files?: unknown };
    if (!Array.isArray(parsed.files)) throw new Error('no file list');
    return parsed;
  } catch (error) {
    throw new BackupArchiveError(`the backup's manifest cannot be read (${(error as Error).message})`);
  }
}

function checkAgainstManifest(files: readonly ManifestFile[], seen: Map<string, string>): void {
  const listed = new Set(files.map((file) => file.path));
  for (const file of files) {
    const actual = seen.get(file.path);
    if (actual === undefined) throw new BackupArchiveError(`the backup is incomplete: ${file.path} is missing`);
    if (actual !== file.sha256)
      throw new BackupArchiveError(`the backup is damaged: ${file.path} does not match its SHA-256 in the manifest`);
  }
  for (const name of seen.keys()) {
    if (name !== MANIFEST_NAME && !listed.has(name))
      throw new BackupArchiveError(`the backup holds a file its manifest does not list: ${name}`);
  }
}

function safeTarget(root: string, name: string): string | null {
  if (!name || name.includes('\0') || path.isAbsolute(name)) return null;
  const target = path.resolve(root, name);
  return target.startsWith(path.resolve(root) + path.sep) ? target : null;
}
