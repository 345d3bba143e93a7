import { IsOptional, Matches } from 'class-validator';
import { IntSetting } from './config-transforms';

/**
 * Fanpage readings through the Graph API (docs/fanpage.md).
 */
export class FanpageConfig {
  /** Where the Graph API answers; tests point it at a local server. */
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'FANPAGE_GRAPH_BASE_URL phải là địa chỉ http:// hoặc https:// (không có ? hay #)',
  })
  FANPAGE_GRAPH_BASE_URL = 'https://graph.facebook.com';

  /**
   * Key encrypting Page access tokens at rest (AES-256-GCM): 32 bytes in base64. Unset:
   * generated once into DATA_DIR/fanpage-token.key (mode 0600). Several instances share it.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message:
      'FANPAGE_TOKEN_KEY phải là 32 byte mã hoá base64 (44 ký tự, ví dụ: openssl rand -base64 32)',
  })
  FANPAGE_TOKEN_KEY?: string;

  /** How often the fanpage schedule looks for due readings, in seconds; 0 disables it. */
  @IntSetting(0, 3600)
  FANPAGE_CHECK_INTERVAL_SECONDS = 60;
}
