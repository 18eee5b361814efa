// Debounced file watching for knowledge/ and seeds/: an editor's save is often several events
// (write, rename, chmod), so we wait for the burst to settle and then report once.
import { watch } from 'chokidar';

export interface WatchOptions {
  debounceMs?: number;
  onError?: (error: unknown) => void;
}

export interface Watcher {
  ready: Promise<void>;
  close(): Promise<void>;
}

// Calls onChange(paths) once per burst of changes, with every path that changed in it.
export function watchFiles(
  paths: string[],
  onChange: (changed: string[]) => void,
  options: WatchOptions = {},
): Watcher {
  const debounceMs = options.debounceMs ?? 300;
  const watcher = watch(paths, {
    ignoreInitial: true,
    // editors' swap and backup files are not knowledge
    ignored: (p: string) => /(^|[/\\])\.|~$|\.swp$|\.tmp$/.test(p.split(/[/\\]/).pop() ?? ''),
  });
  let timer: NodeJS.Timeout | undefined;
  let pending = new Set<string>();
  watcher.on('all', (_event, path) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending = new Set();
      onChange(changed);
    }, debounceMs);
  });
  watcher.on('error', (error) => options.onError?.(error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
