import type { AppConfig } from '../config/app-config';

/** Where people open the site: PUBLIC_URL, or this server on localhost. No trailing slash. */
export function publicUrlOf(config: AppConfig): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}
