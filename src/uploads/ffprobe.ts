import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';

const log = new Logger('ffprobe');
let available: boolean | null = null;

/**
 * Duration of a video in seconds when ffprobe is on PATH; null otherwise. Missing ffprobe is
 * a logged notice, never a failure: the moderation checklist then shows "length unknown".
 */
export async function probeDurationSeconds(path: string): Promise<number | null> {
  if (available === false) return null;
  return new Promise((resolve) => {
    execFile(
      'ffprobe',
      [
        '-v',
        'error',
        '-show_entries',
        'format=duration',
        '-of',
        'default=noprint_wrappers=1:nokey=1',
        path,
      ],
      { timeout: 30_000 },
      (error, stdout) => {
        if (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            if (available === null)
              log.log('ffprobe is not installed: video durations are not checked');
            available = false;
          }
          resolve(null);
          return;
        }
        available = true;
        const seconds = Number.parseFloat(stdout.trim());
        resolve(Number.isFinite(seconds) ? Math.round(seconds * 100) / 100 : null);
      },
    );
  });
}
