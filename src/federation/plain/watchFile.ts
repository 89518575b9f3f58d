import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** How {@link watchFile} watches. */
export interface WatchFileOptions {
  /** How often the file's modification time, size and inode are compared, ms: catches what `fs.watch` misses (network file systems, some editors). */
  readonly pollIntervalMs: number;
  /** Quiet time after the last change before `onChange`, ms: several writes make one call. */
  readonly debounceMs: number;
  /** Called once the file has changed and stayed quiet (it may be gone or unchanged in content: the caller reads it). */
  readonly onChange: () => void;
  /** Use `fs.watch` besides the poll (default true; false: the poll alone, e.g. where inotify is not available). */
  readonly fsWatch?: boolean;
}

/**
 * Watches one file: `fs.watch` on its directory (so a file replaced by rename, as editors and
 * `rover supergraph compose > file` do, is still seen), plus a poll of its stat as a fallback,
 * debounced. Timers do not keep the process alive. Returns the function that stops watching.
 */
export function watchFile(file: string, options: WatchFileOptions): () => void {
  const name = basename(file);
  let quiet: NodeJS.Timeout | undefined;
  let stopped = false;
  let seen = statKey(file);
  const fire = (): void => {
    quiet = undefined;
    if (stopped) return;
    seen = statKey(file);
    options.onChange();
  };
  const schedule = (): void => {
    if (stopped) return;
    if (quiet) clearTimeout(quiet);
    quiet = setTimeout(fire, options.debounceMs);
    quiet.unref();
  };

  let watcher: FSWatcher | undefined;
  try {
    if (options.fsWatch === false) throw new Error('fs.watch off');
    watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name) schedule();
    });
    // A watcher that fails (the directory removed, too many watches) leaves the poll alone in charge.
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    watcher = undefined;
  }
  const poll = setInterval(() => {
    const key = statKey(file);
    if (key === seen) return;
    seen = key;
    schedule();
  }, options.pollIntervalMs);
  poll.unref();

  return () => {
    stopped = true;
    watcher?.close();
    clearInterval(poll);
    if (quiet) clearTimeout(quiet);
  };
}

/** What the poll compares: modification time, size and inode, or `missing`. */
function statKey(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return 'missing';
  }
}
