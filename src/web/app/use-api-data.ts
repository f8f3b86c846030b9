import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ApiError } from './api-client.ts';
import { isAbort, toApiError } from './use-api-error.tsx';
import { useI18n } from './i18n.ts';

export interface ApiData<T> {
  data: T | undefined;
  error: ApiError | null;
  isLoading: boolean;
  reload(): void;
  setData(data: T): void;
}

/**
 * Loads data for a screen and reloads it when `deps` change (or on reload()). Answers that arrive after
 * the screen moved on are dropped; the language is a dependency so server messages follow a switch.
 */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiData<T> {
  const { lang } = useI18n();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setIsLoading(true);
    loadRef
      .current(controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(null);
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted || isAbort(cause)) return;
        setError(toApiError(cause));
      })
      .finally(() => {
        if (!controller.signal.aborted) setIsLoading(false);
      });
    return () => controller.abort();
  }, [...deps, generation, lang]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, isLoading, reload, setData };
}
