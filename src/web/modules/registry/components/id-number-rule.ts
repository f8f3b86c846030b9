import type { FormRule } from 'antd';
import { validateIdNumber } from '../../../../modules/registry/id-number.ts';
import type { Lang, Translate } from '../../../app/i18n.ts';
import { sexLabel } from '../registry-labels.ts';

/** The ID number is checked as it is typed (length, birth date, check digit), with the server's own rules. */
export function idNumberRule(lang: Lang, t: Translate): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value || !value.trim()) throw new Error(t('registry.form.idRequired'));
      const checked = validateIdNumber(value);
      if (!checked.ok) throw new Error(lang === 'en' ? checked.message : checked.messageZh);
    },
  };
}

/** "1950-03-02 出生，男": what a valid number says, shown under the field. */
export function idNumberHint(value: string | undefined, t: Translate): string | null {
  if (!value) return null;
  const checked = validateIdNumber(value);
  if (!checked.ok) return null;
  return t('registry.form.idHint', { birthDate: checked.birthDate, sex: sexLabel(checked.sex, t) });
}
