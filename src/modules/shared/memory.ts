/**
 * A full garbage collection when the heap has grown past a ceiling. Streaming a million-row file
 * makes short-lived garbage faster than V8 chooses to collect it, and the process can grow past a
 * gigabyte although its live data stays far smaller; a collection when the heap passes the ceiling
 * keeps an import's memory flat, and costs nothing while V8 keeps up by itself.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null = null;

export function collectGarbageAbove(ceilingBytes: number): boolean {
  if (v8.getHeapStatistics().used_heap_size <= ceilingBytes) return false;
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
  return true;
}
