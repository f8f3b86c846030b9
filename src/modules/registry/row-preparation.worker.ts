/**
 * The worker thread side of row preparation: the file's bytes come in from the import's thread as it
 * asks for them, prepared rows go back in batches. At most MAX_BATCHES_IN_FLIGHT batches wait for the
 * import to take them, so a file is never read much faster than it is written (flat memory).
 */
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { collectGarbageAbove } from '../shared/memory.ts';
import { createSensitiveDataCipher } from './sensitive-data.ts';
import { prepareRows } from './row-preparation.ts';
import type { ToWorker, FromWorker, PreparationWorkerData } from './row-preparation-protocol.ts';
import { serializePreparationError } from './row-preparation-protocol.ts';

const MAX_BATCHES_IN_FLIGHT = 4;
/**
 * This thread's heap adds to the import's: kept small by a collection when it passes this, raised
 * to twice the live data if that is more (an xlsx's shared strings may well be).
 */
let heapCeilingBytes = 96 * 1024 * 1024;

const port = parentPort!;
const data = workerData as PreparationWorkerData;
const send = (message: FromWorker) => port.postMessage(message);

let batchesInFlight = 0;
let onBatchTaken: (() => void) | null = null;
let isAskingForInput = false;
let isStopping = false;

const input = new Readable({
  read() {
    if (isAskingForInput) return;
    isAskingForInput = true;
    send({ type: 'need-input' });
  },
});

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'input':
      isAskingForInput = false;
      input.push(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
      break;
    case 'input-end':
      input.push(null);
      break;
    case 'input-error':
      input.destroy(new Error(message.message));
      break;
    case 'batch-taken':
      batchesInFlight -= 1;
      wakeProducer();
      break;
    case 'stop':
      isStopping = true;
      input.destroy(new Error('stopped'));
      wakeProducer();
      break;
  }
});

function wakeProducer(): void {
  onBatchTaken?.();
  onBatchTaken = null;
}

async function run(): Promise<void> {
  const cipher = createSensitiveDataCipher(Buffer.from(data.keys.key), Buffer.from(data.keys.hmacKey));
  // the cipher keeps copies of its own: the keys as they arrived need not stay in this thread's memory
  data.keys.key.fill(0);
  data.keys.hmacKey.fill(0);
  const context = {
    unitIdByCode: new Map(data.context.unitIdByCode),
    categoryIdByName: new Map(data.context.categoryIdByName),
  };
  const batches = prepareRows({ kind: data.kind, stream: input }, context, cipher, data.options, (info) =>
    send({ type: 'header', info }),
  );
  for await (const rows of batches) {
    send({ type: 'rows', rows });
    batchesInFlight += 1;
    if (collectGarbageAbove(heapCeilingBytes))
      heapCeilingBytes = Math.max(heapCeilingBytes, 2 * v8.getHeapStatistics().used_heap_size);
    while (batchesInFlight >= MAX_BATCHES_IN_FLIGHT && !isStopping)
      await new Promise<void>((resolve) => (onBatchTaken = resolve));
    // leaving the loop returns the reader, whose cleanup (temporary files) runs before the thread ends
    if (isStopping) return;
  }
  send({ type: 'done' });
}

run()
  .catch((error: unknown) => {
    if (!isStopping) send({ type: 'error', error: serializePreparationError(error) });
  })
  .finally(() => port.close());
