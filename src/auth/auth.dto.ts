import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { HasVisibleText } from '../common/has-visible-text.decorator';
import { CONTEST_ROLES, ContestRole } from '../contests/contest-member.entity';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 200)
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'Mật khẩu mới phải dài ít nhất 10 ký tự.' })
  @MaxLength(200)
  newPassword: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'gk.tran' })
  @IsString()
  @Matches(/^[a-zA-Z0-9._-]{3,50}$/, {
    message: 'Tên đăng nhập gồm 3-50 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.',
  })
  username: string;

  @ApiProperty({ example: 'Trần Văn B' })
  @IsString()
  @Length(1, 200)
  @HasVisibleText()
  displayName: string;

  @ApiProperty({ enum: CONTEST_ROLES })
  @IsIn(CONTEST_ROLES)
  role: ContestRole;

  @ApiProperty({ required: false, description: 'Required for team accounts' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiProperty({ required: false, description: 'The unit a judge works in (conflict of interest)' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({
    required: false,
    description: 'E-mail address for notifications (no password is ever sent by e-mail)',
  })
  @IsOptional()
  @IsEmail({}, { message: 'Địa chỉ e-mail không hợp lệ.' })
  @MaxLength(254)
  email?: string;
}

export class AccountStatusDto {
  @ApiProperty({ type: String, description: 'Why the account is deactivated or reactivated' })
  @Trimmed()
  @IsString()
  @Length(10, 2000, { message: 'Lý do phải dài 10-2000 ký tự.' })
  reason: string;
}
