import { Init1763900000000 } from './1763900000000-init';

/** Ordered list of migrations (imported explicitly so the build and the tests agree). */
export const MIGRATIONS = [Init1763900000000];
