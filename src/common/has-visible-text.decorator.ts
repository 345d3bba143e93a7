import { Matches } from 'class-validator';

/**
 * A name people will read (display name, member's full name, team name) must show something:
 * at least one letter or digit. Spaces, no-break spaces and zero-width characters alone pass
 * a length check but print as a blank on every page and slip.
 */
export const HasVisibleText = () =>
  Matches(/[\p{L}\p{N}]/u, {
    message: 'Tên phải có ít nhất một chữ cái hoặc chữ số (khoảng trắng, ký tự ẩn không tính).',
  });
