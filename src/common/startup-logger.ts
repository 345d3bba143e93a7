import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * Nest's own start-up chatter (a line per module and ~105 "Mapped {…} route" lines) is
 * logged at debug level, so the first start's account table and the closing banner stay on
 * screen. `LOG_LEVEL=debug` shows it again.
 */
const CHATTY_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

export class StartupLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && CHATTY_CONTEXTS.has(context))
      return super.debug(message, ...rest);
    return super.log(message, ...rest);
  }
}

export function startupLogger(levels: LogLevel[] | false): StartupLogger | false {
  return levels ? new StartupLogger({ logLevels: levels }) : false;
}
