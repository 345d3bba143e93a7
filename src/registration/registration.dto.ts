import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';

export class RegistrationCommitDto {
  @ApiProperty({
    description:
      'The token a preview answered (30 minutes, the organiser who previewed, that contest)',
    format: 'uuid',
  })
  @IsUUID('all', { message: 'Mã xem trước không hợp lệ.' })
  previewToken: string;
}

export class RegistrationSlipsDto {
  @ApiProperty({ description: 'The `slips.token` the commit answered (15 minutes)' })
  @IsString()
  @Matches(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, { message: 'Mã phiếu tài khoản không hợp lệ.' })
  token: string;
}
