/** Find a person in the registry by name, pinyin initials, ID number (or its last 4) or phone. */
import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { searchPeople, type PersonSummary } from '../api/registry-api.ts';

export function PersonPicker({
  value,
  onChange,
  testId,
  added,
}: {
  value?: number | null;
  onChange?(value: number | null): void;
  testId?: string;
  /** someone registered just now (not in any search yet), shown as chosen */
  added?: PersonSummary | null;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<PersonSummary[]>([]);
  const [isSearching, setIsSearching] = useState(false);
  const chosen = useRef<PersonSummary | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setPeople([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setIsSearching(true);
      searchPeople({ q, pageSize: 20 }, controller.signal)
        .then((page) => setPeople(page.people))
        .catch(() => setPeople([]))
        .finally(() => {
          if (!controller.signal.aborted) setIsSearching(false);
        });
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  if (added && added.id === value) chosen.current = added;
  const shown =
    chosen.current && !people.some((person) => person.id === chosen.current?.id) ? [chosen.current, ...people] : people;

  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={value ?? undefined}
      onChange={(next) => {
        chosen.current = people.find((person) => person.id === next) ?? chosen.current;
        onChange?.(next ?? null);
      }}
      allowClear
      placeholder={t('registry.searchPlaceholder')}
      notFoundContent={
        isSearching ? <Spin size="small" /> : query.trim() ? t('registry.noMatch') : t('registry.picker.typeToSearch')
      }
      options={shown.map((person) => ({
        value: person.id,
        label: `${person.name}  ${person.idMasked} · ${person.unitName}`,
      }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
