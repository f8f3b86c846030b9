import type { MenuProps } from 'antd';
import { ContactsOutlined, CloudUploadOutlined, StopOutlined, UsergroupDeleteOutlined } from '@ant-design/icons';
import type { Permission } from '../../../app/auth.tsx';
import type { Translate } from '../../../app/i18n.ts';

type MenuItems = NonNullable<MenuProps['items']>;

/** The side menu's 登记库 group, by permission; empty for accounts that cannot read the registry. */
export function registryMenuItems(t: Translate, can: (permission: Permission) => boolean): MenuItems {
  if (!can('registry.read')) return [];
  return [
    {
      type: 'group',
      key: 'registry-group',
      label: t('nav.registryGroup'),
      children: [
        {
          key: '/registry',
          icon: <ContactsOutlined />,
          label: <span data-testid="nav-registry">{t('nav.registry')}</span>,
        },
        ...(can('registry.import')
          ? [
              {
                key: '/registry/import',
                icon: <CloudUploadOutlined />,
                label: <span data-testid="nav-registry-import">{t('nav.registryImport')}</span>,
              },
            ]
          : []),
        {
          key: '/registry/duplicates',
          icon: <UsergroupDeleteOutlined />,
          label: <span data-testid="nav-registry-duplicates">{t('nav.registryDuplicates')}</span>,
        },
        {
          key: '/registry/blacklist',
          icon: <StopOutlined />,
          label: <span data-testid="nav-registry-blacklist">{t('nav.registryBlacklist')}</span>,
        },
      ],
    },
  ];
}

/** The menu key for a path: the longest key that is the path or a parent of it (/registry/people/3 → /registry). */
export function selectedMenuKey(items: MenuItems, pathname: string): string | undefined {
  const keys: string[] = [];
  const collect = (list: MenuItems) => {
    for (const item of list) {
      if (!item) continue;
      if ('children' in item && Array.isArray(item.children)) collect(item.children as MenuItems);
      else if (item.key !== undefined) keys.push(String(item.key));
    }
  };
  collect(items);
  return keys
    .filter((key) => pathname === key || pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)[0];
}
