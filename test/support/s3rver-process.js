'use strict';
/**
 * A real S3-compatible server process for the tests and benchmarks: s3rver 3.7.1 over HTTP,
 * storing objects under S3_DIR, one bucket (S3_BUCKET) with a CORS rule that lets any origin
 * PUT parts and GET objects and read the ETag (as docs/storage.md asks of a real bucket).
 *
 * s3rver answers MethodNotAllowed to AbortMultipartUpload (DELETE ?uploadId=). This script
 * adds only that operation, over s3rver's own multipart folder (uploads/<uploadId>/), so the
 * cleanup job's aborts are observable; everything else is s3rver's. docs/storage.md lists
 * what s3rver checks and what it does not (e.g. signatures of presigned URLs).
 * Prints "LISTENING <port>" once ready. Plain JavaScript: it runs in a child process.
 */
const S3rver = require('s3rver');
const { existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.S3_DIR;
const bucket = process.env.S3_BUCKET || 'hoithi-test';
if (!dir) throw new Error('S3_DIR is required');

const cors = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

const server = new S3rver({
  port: Number(process.env.S3_PORT || 0),
  address: '127.0.0.1',
  silent: true,
  directory: dir,
  configureBuckets: [{ name: bucket, configs: [cors] }],
});

/** Where s3rver keeps the parts of multipart upload `id` of the bucket. */
const uploadDir = (id) =>
  join(server.store.getResourcePath(bucket, undefined, 'uploads'), String(id));

server.middleware.unshift(async (ctx, next) => {
  const id = ctx.query.uploadId;
  const inBucket = ctx.path.startsWith(`/${bucket}/`);
  if (ctx.method === 'DELETE' && inBucket && typeof id === 'string' && /^[\w-]+$/.test(id)) {
    const path = uploadDir(id);
    if (!existsSync(path)) {
      ctx.status = 404;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><UploadId>${id}</UploadId></Error>`;
      return;
    }
    rmSync(path, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }
  await next();
});

server.run().then(({ port }) => {
  process.stdout.write(`LISTENING ${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
