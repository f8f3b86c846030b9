import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useApiError, type ShowErrorOptions } from './use-api-error.tsx';

/**
 * The busy flag and error reporting around a submit: `run(action)` marks busy, awaits the action,
 * shows a thrown error through useApiError (on the form's fields when a form is given) and clears busy.
 * The error is not rethrown; validate the form before calling run so a refused form stays quiet.
 */
export function useSubmit(form?: FormInstance, toFormName?: ShowErrorOptions['toFormName']) {
  const showError = useApiError();
  const [isBusy, setIsBusy] = useState(false);

  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setIsBusy(true);
    try {
      await action();
    } catch (error) {
      showError(error, form ? { form, toFormName } : {});
    } finally {
      setIsBusy(false);
    }
  };

  return { isBusy, run };
}
