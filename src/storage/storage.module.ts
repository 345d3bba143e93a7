import { Module } from '@nestjs/common';
import { SETTINGS, Settings } from '../config/settings';
import { FILE_STORE } from './file-store';
import { LocalFileStore } from './local-file-store';
import { S3FileStore } from './s3-file-store';
import { StorageController } from './storage.controller';
import { StorageService } from './storage.service';

@Module({
  controllers: [StorageController],
  providers: [
    StorageService,
    {
      provide: FILE_STORE,
      inject: [SETTINGS],
      useFactory: (s: Settings) =>
        s.config.STORAGE === 's3' ? new S3FileStore(s.config) : new LocalFileStore(s.uploadDir),
    },
  ],
  exports: [StorageService, FILE_STORE],
})
export class StorageModule {}
