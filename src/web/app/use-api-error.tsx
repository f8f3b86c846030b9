/**
 * The one place API errors are shown: the server's message (already in the UI language) in a
 * notification, and each `details[].field` next to its form field when the caller passes the form.
 */
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, isApiError, type ApiErrorDetail } from './api-client.ts';
import { useI18n } from './i18n.ts';

export type FormNamePath = (string | number)[];

export interface ShowErrorOptions {
  form?: FormInstance;
  /** maps a server field ("categories.2.cashFen") to the form's name path; null: not a form field */
  toFormName?: (field: string) => FormNamePath | null;
}

/** "categories.2.cashFen" → ['categories', 2, 'cashFen'] */
export function splitFieldPath(field: string): FormNamePath {
  return field
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  return new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function useApiError() {
  const { notification } = App.useApp();
  const { t } = useI18n();

  return useCallback(
    (error: unknown, options: ShowErrorOptions = {}): ApiError | null => {
      if (isAbort(error)) return null;
      const apiError = toApiError(error);
      const unplaced: ApiErrorDetail[] = [];
      if (options.form && apiError.details.length > 0) {
        const toName = options.toFormName ?? splitFieldPath;
        const byName = new Map<string, { name: FormNamePath; errors: string[] }>();
        for (const detail of apiError.details) {
          const name = detail.field ? toName(detail.field) : null;
          if (!name || !isMountedField(options.form, name)) {
            unplaced.push(detail);
            continue;
          }
          const key = JSON.stringify(name);
          const entry = byName.get(key) ?? { name, errors: [] };
          entry.errors.push(stripFieldPrefix(detail));
          byName.set(key, entry);
        }
        if (byName.size > 0) options.form.setFields([...byName.values()]);
      } else {
        unplaced.push(...apiError.details);
      }
      const extra = unplaced.filter((detail) => detail.message !== apiError.message);
      notification.error({
        key: 'api-error',
        title: titleOf(apiError, t),
        description: (
          <div data-testid="api-error-message">
            <div>{apiError.message}</div>
            {extra.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {extra.slice(0, 8).map((detail, index) => (
                  <li key={index}>{detail.message}</li>
                ))}
              </ul>
            )}
          </div>
        ),
        duration: apiError.status === 409 ? 0 : 6,
        props: { 'data-testid': 'api-error' },
      });
      return apiError;
    },
    [notification, t],
  );
}

function titleOf(error: ApiError, t: ReturnType<typeof useI18n>['t']): string {
  if (error.code === 'STALE_VERSION') return t('error.stale');
  if (error.status === 0) return t('error.network');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 400 || error.status === 422) return t('error.invalid');
  return t('error.title');
}

/** A field that is on screen can show its own error; others go to the notification. */
function isMountedField(form: FormInstance, name: FormNamePath): boolean {
  try {
    return (
      form.getFieldInstance(name) !== undefined || form.isFieldTouched(name) || form.getFieldValue(name) !== undefined
    );
  } catch {
    return false;
  }
}

/** Schema errors read "categories.2.cashFen: must be …"; beside the field the path is noise. */
function stripFieldPrefix(detail: ApiErrorDetail): string {
  if (detail.field && detail.message.startsWith(`${detail.field}: `))
    return detail.message.slice(detail.field.length + 2);
  return detail.message;
}
