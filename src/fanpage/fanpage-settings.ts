import { Inject, Injectable } from '@nestjs/common';
import { SETTINGS, type Settings } from '../config/settings';
import { GraphClient } from './graph-client';
import { TokenVault } from './token-vault';

/** The time the fanpage services go by; tests replace `now` to drive a whole voting period. */
@Injectable()
export class FanpageClock {
  now: () => Date = () => new Date();
}

/** The Graph API's address (a setting) and the key of the token vault, resolved once. */
@Injectable()
export class FanpageGraph {
  readonly vault: TokenVault;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    this.vault = TokenVault.fromSettings(settings.config.FANPAGE_TOKEN_KEY, settings.dataDir);
  }

  client(version: string, token: string): GraphClient {
    return new GraphClient(this.settings.config.FANPAGE_GRAPH_BASE_URL, version, token);
  }
}
