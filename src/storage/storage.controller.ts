import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/allow.decorator';
import { MAX_PART_URLS } from '../uploads/direct-uploads.dto';
import { StorageModeView } from '../uploads/direct-uploads.responses';
import { StorageService } from './storage.service';

/** Tells the web app how to upload: tus through the app (local) or parts to the bucket (s3). */
@ApiTags('uploads')
@Controller('storage')
export class StorageController {
  constructor(private readonly storage: StorageService) {}

  @Get()
  @Allow('public')
  @ApiOkResponse({ schema: StorageModeView })
  mode() {
    return { storage: this.storage.kind, maxPartUrls: MAX_PART_URLS };
  }
}
