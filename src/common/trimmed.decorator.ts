import { Transform } from 'class-transformer';

/**
 * Reads a text field without its surrounding spaces, before its length is checked: a reason
 * typed as spaces is no reason, and the one stored has no stray spaces around it.
 */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
