import type { AppConfig } from './app-config';

/** Resolved runtime settings: validated config plus what was derived at boot. */
export interface Settings {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
  dataDir: string;
  uploadDir: string;
}

export const SETTINGS = Symbol('SETTINGS');
