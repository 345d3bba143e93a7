import { Module } from '@nestjs/common';
import { SETTINGS, Settings } from '../config/settings';
import { FILE_STORE } from './file-store';
import { LocalFileStore } from './local-file-store';
import { StorageService } from './storage.service';

@Module({
  providers: [
    StorageService,
    {
      provide: FILE_STORE,
      inject: [SETTINGS],
      useFactory: (s: Settings) => new LocalFileStore(s.uploadDir),
    },
  ],
  exports: [StorageService, FILE_STORE],
})
export class StorageModule {}
