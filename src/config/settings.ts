import type { AppConfig } from './app-config';

/** Resolved runtime settings: validated config plus what was derived at boot. */
export interface Settings {
  config: AppConfig;
  /** the app's role: serves requests */
  databaseUrl: string;
  /** the schema owner: runs migrations (the same URL when only one is configured) */
  migrationDatabaseUrl: string;
  jwtSecret: string;
  dataDir: string;
  uploadDir: string;
}

export const SETTINGS = Symbol('SETTINGS');
