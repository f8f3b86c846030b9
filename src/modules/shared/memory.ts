/**
 * A full garbage collection on request. Streaming a million-row file makes short-lived garbage faster
 * than V8 chooses to collect it, and the process grows past a gigabyte although its live data stays
 * near 200 MB; collecting every few tens of thousands of rows keeps the import's memory flat for
 * about a tenth of a second each time.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null = null;

export function collectGarbage(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}
