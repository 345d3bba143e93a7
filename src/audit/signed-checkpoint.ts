/**
 * A signed audit checkpoint (see checkpoint.ts). Its own file, free of Node imports, because
 * the web app's types read it through the results document.
 */
export interface SignedCheckpoint {
  /** contest id, or "global" */
  chain: string;
  rowCount: number;
  headHash: string;
  /** ISO 8601, UTC, milliseconds */
  signedAt: string;
  keyId: string;
  /** base64 Ed25519 signature of checkpointMessage() */
  signature: string;
}
