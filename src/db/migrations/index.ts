import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-registry.ts';
import * as m0003 from './0003-identification.ts';
import * as m0004 from './0004-visit-photos.ts';
import * as m0005 from './0005-identification-gaps.ts';

/** Listed by hand, in order: a migration's name never changes once shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-registry': m0002,
  '0003-identification': m0003,
  '0004-visit-photos': m0004,
  '0005-identification-gaps': m0005,
};
