/**
 * Content sniffing for uploads: the type of a file is decided from its bytes, never from
 * its name or the Content-Type the client sent.
 */
export { sniffHeader } from './header';
export { sniffFile, sniffSource } from './sniff-file';
export {
  SniffError,
  type ByteSource,
  type SniffedType,
  type SniffOptions,
  type SniffResult,
} from './types';
