/** The registry's screens by path; null when the path is not one of them. */
import type { ReactNode } from 'react';
import { matchPath } from '../app/router.tsx';
import { RegistryBlacklistPage } from './registry-blacklist-page.tsx';
import { RegistryDuplicatesPage } from './registry-duplicates-page.tsx';
import { RegistryImportPage } from './registry-import-page.tsx';
import { RegistryPage } from './registry-page.tsx';
import { RegistryPersonPage } from './registry-person-page.tsx';

export function registryRoute(pathname: string): ReactNode | null {
  if (pathname === '/registry') return <RegistryPage />;
  if (pathname === '/registry/import') return <RegistryImportPage />;
  if (pathname === '/registry/duplicates') return <RegistryDuplicatesPage />;
  if (pathname === '/registry/blacklist') return <RegistryBlacklistPage />;
  const person = matchPath('/registry/people/:id', pathname);
  if (person) return <RegistryPersonPage key={person.id} idParam={person.id!} />;
  return null;
}
