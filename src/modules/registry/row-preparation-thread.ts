/**
 * Row preparation on a worker thread: the import's thread reads the file's bytes and hands them over
 * as the worker asks for them, and takes prepared rows back in batches, while the worker checks,
 * hashes and encrypts the next ones on the second core. Ends the worker in every case, letting it
 * clean up first (a streamed xlsx leaves a temporary copy of its sheet otherwise).
 */
import { Worker } from 'node:worker_threads';
import type { HeaderInfo, RegistryFileInput } from './import-file.ts';
import type { RowContext } from './import-row.ts';
import type { PreparationOptions, PreparedRow } from './row-preparation.ts';
import {
  deserializePreparationError,
  serializePreparationError,
  type FromWorker,
  type PreparationWorkerData,
  type ToWorker,
} from './row-preparation-protocol.ts';
import { copyCipherKeys, type SensitiveDataCipher } from './sensitive-data.ts';

const WORKER_ENTRY = new URL('./row-preparation.worker-entry.mjs', import.meta.url);
const STOP_GRACE_MS = 5000;

export async function* prepareRowsOnWorker(
  input: RegistryFileInput,
  context: RowContext,
  cipher: SensitiveDataCipher,
  options: PreparationOptions,
  onHeader?: (info: HeaderInfo) => void,
): AsyncGenerator<PreparedRow[]> {
  const keys = copyCipherKeys(cipher);
  const workerData: PreparationWorkerData = {
    kind: input.kind,
    keys,
    context: { unitIdByCode: [...context.unitIdByCode], categoryIdByName: [...context.categoryIdByName] },
    options,
  };
  // execArgv: [] — the entry registers the TypeScript loader itself, whatever the parent was started with
  const worker = new Worker(WORKER_ENTRY, { workerData, execArgv: [] });
  keys.key.fill(0);
  keys.hmacKey.fill(0);
  const inbox = new Inbox(worker);
  const source = new SourceFeeder(input.stream, (message, transfer) => worker.postMessage(message, transfer));
  try {
    for (;;) {
      const message = await inbox.next();
      if (message.type === 'need-input') source.feedOne();
      else if (message.type === 'header') onHeader?.(message.info);
      else if (message.type === 'rows') {
        yield message.rows;
        worker.postMessage({ type: 'batch-taken' } satisfies ToWorker);
      } else if (message.type === 'done') return;
      else throw source.error ?? deserializePreparationError(message.error);
    }
  } finally {
    await stopWorker(worker, inbox);
    await source.drain();
  }
}

async function stopWorker(worker: Worker, inbox: Inbox): Promise<void> {
  if (inbox.hasExited) return;
  worker.postMessage({ type: 'stop' } satisfies ToWorker);
  const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
  await inbox.exited;
  clearTimeout(timer);
}

/** The worker's messages in order, with its failure or unexpected exit as a last 'error' message. */
class Inbox {
  private readonly queue: FromWorker[] = [];
  private waiting: ((message: FromWorker) => void) | null = null;
  hasExited = false;
  readonly exited: Promise<void>;

  constructor(worker: Worker) {
    worker.on('message', (message: FromWorker) => this.push(message));
    worker.on('error', (error) => this.push({ type: 'error', error: serializePreparationError(error) }));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.hasExited = true;
        this.push({
          type: 'error',
          error: { kind: 'other', message: `the worker thread stopped (exit code ${code})` },
        });
        resolve();
      }),
    );
  }

  next(): Promise<FromWorker> {
    const message = this.queue.shift();
    if (message) return Promise.resolve(message);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private push(message: FromWorker): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(message);
    else this.queue.push(message);
  }
}

/** The file's bytes, one chunk at a time as the worker asks; a failing input is kept to be rethrown as it is. */
class SourceFeeder {
  private readonly chunks: AsyncIterator<Buffer | string>;
  /**
   * The first chunk is asked for at once: a stream's async iterator takes control of its flow only
   * from its first `next()`, and a stream someone already listens to (the CLI's progress bar) would
   * otherwise flow past, unread, while the worker starts.
   */
  private firstChunk: Promise<IteratorResult<Buffer | string>> | null;
  private feeding: Promise<void> = Promise.resolve();
  private isEnded = false;
  error: unknown = undefined;

  constructor(
    stream: NodeJS.ReadableStream,
    private readonly send: (message: ToWorker, transfer?: ArrayBuffer[]) => void,
  ) {
    this.chunks = stream[Symbol.asyncIterator]();
    this.firstChunk = this.chunks.next();
    this.firstChunk.catch(() => undefined); // kept, and rethrown when the worker asks for it
  }

  private nextChunk(): Promise<IteratorResult<Buffer | string>> {
    const first = this.firstChunk;
    this.firstChunk = null;
    return first ?? this.chunks.next();
  }

  feedOne(): void {
    this.feeding = this.feeding.then(() => this.sendNextChunk());
  }

  async drain(): Promise<void> {
    await this.feeding;
    while (!this.isEnded) {
      try {
        const next = await this.nextChunk();
        if (next.done) this.isEnded = true;
      } catch {
        this.isEnded = true;
      }
    }
  }

  private async sendNextChunk(): Promise<void> {
    if (this.isEnded) return;
    try {
      const next = await this.nextChunk();
      if (next.done) {
        this.isEnded = true;
        this.send({ type: 'input-end' });
        return;
      }
      // a copy of its own, so the transfer cannot take a shared pool buffer away from anyone else
      const chunk = Uint8Array.from(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
      this.send({ type: 'input', chunk }, [chunk.buffer]);
    } catch (error) {
      this.isEnded = true;
      this.error = error;
      this.send({ type: 'input-error', message: error instanceof Error ? error.message : String(error) });
    }
  }
}
