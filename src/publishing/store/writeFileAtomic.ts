import { randomBytes } from 'node:crypto';
import { access, link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Fail with `EEXIST` when `path` exists instead of replacing it (a hard link, which the kernel
   * refuses to make over an existing name, so two writers cannot both create it). Default false.
   */
  readonly exclusive?: boolean;
}

/**
 * Writes `data` to `path` whole or not at all, even if the process is killed or the machine loses
 * power midway: the bytes go to a temporary file in the same directory, which is fsynced, then
 * renamed (or hard-linked, when `exclusive`) over `path`, and the directory is fsynced so the new
 * name is durable too. A crash leaves at most a stray temporary file ({@link isTempFileName}),
 * which readers ignore and owners remove when they open the directory.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const directory = dirname(path);
  const temp = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  let tempLeft: boolean;
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive === true) tempLeft = await linkExclusive(temp, path);
    else {
      await rename(temp, path);
      tempLeft = false;
    }
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  if (tempLeft) await unlink(temp);
  await fsyncDirectory(directory);
}

/** Whether a directory entry is a temporary file {@link writeFileAtomic} left behind. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** Makes a directory's entries (a rename, a new file, a new subdirectory) durable. */
export async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory; their renames are as durable as they get.
    if (!isErrorCode(error, 'EINVAL', 'EISDIR', 'EPERM')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * A hard link to `target`, failing with `EEXIST` if it exists; where links are not supported, a
 * check then a rename (exact only within one process). Resolves with whether `temp` is still there.
 */
async function linkExclusive(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    if (!isErrorCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS')) throw error;
    const exists = await access(target).then(
      () => true,
      () => false,
    );
    if (exists) throw Object.assign(new Error(`EEXIST: file already exists, link '${temp}' -> '${target}'`), { code: 'EEXIST' });
    await rename(temp, target);
    return false;
  }
}

/** Whether `error` is a Node system error with one of `codes`. */
export function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.includes(error.code);
}
