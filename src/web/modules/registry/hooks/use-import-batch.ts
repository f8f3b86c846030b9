/**
 * Follows one import batch: its stored state (GET) and, while the server is reading or writing, the
 * live counts it streams as server-sent events. When the stream says the work is over, the batch is
 * read again for the full result (problems, extra columns, error message). A dropped stream falls
 * back to reading the batch once a second.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../app/api-client.ts';
import { toApiError } from '../../../app/use-api-error.tsx';
import {
  getImportBatch,
  importEventsUrl,
  isRunning,
  type ImportBatch,
  type ImportProgressEvent,
} from '../api/registry-api.ts';

export interface ImportBatchState {
  batch: ImportBatch | null;
  /** the latest live counts while the batch is running */
  live: ImportProgressEvent | null;
  error: ApiError | null;
  /** takes a batch the server just answered with (after commit) and follows it again */
  follow(batch: ImportBatch): void;
}

export function useImportBatch(batchId: number | null): ImportBatchState {
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [live, setLive] = useState<ImportProgressEvent | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    setLive(null);
    setError(null);
    if (batchId === null) {
      setBatch(null);
      return;
    }
    let isStopped = false;
    let source: EventSource | null = null;
    let timer: number | undefined;
    let rounds = 0;

    const close = () => {
      source?.close();
      source = null;
    };

    const refresh = async () => {
      try {
        const next = await getImportBatch(batchId);
        if (isStopped) return;
        setBatch(next);
        setError(null);
        if (isRunning(next.status)) {
          // the stream may still hold the previous phase's last event for a moment: do not spin
          timer = window.setTimeout(listen, rounds === 0 ? 0 : 500);
          rounds += 1;
        } else {
          setLive(null);
        }
      } catch (cause) {
        if (!isStopped) setError(toApiError(cause));
      }
    };

    const listen = () => {
      if (isStopped) return;
      close();
      source = new EventSource(importEventsUrl(batchId));
      source.onmessage = (message: MessageEvent<string>) => {
        let event: ImportProgressEvent;
        try {
          event = JSON.parse(message.data) as ImportProgressEvent;
        } catch {
          return;
        }
        if (isRunning(event.status)) {
          setLive(event);
          return;
        }
        close();
        void refresh();
      };
      source.onerror = () => {
        close();
        window.clearTimeout(timer);
        timer = window.setTimeout(() => void refresh(), 1000);
      };
    };

    void refresh();
    return () => {
      isStopped = true;
      close();
      window.clearTimeout(timer);
    };
  }, [batchId, generation]);

  const follow = useCallback((next: ImportBatch) => {
    setBatch(next);
    setGeneration((n) => n + 1);
  }, []);

  return { batch: batch && batch.id === batchId ? batch : null, live, error, follow };
}
