import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from './paging';

/**
 * The filters of the people lists (units, teams, accounts), beside the paging they share.
 * Kept together here because the console's People page reads all three the same way.
 */
export class UnitListQueryDto extends PageQueryDto {}

export class TeamListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'withdrawn'] })
  @IsOptional()
  @IsIn(['active', 'withdrawn'], { message: 'Tình trạng lọc không hợp lệ.' })
  status?: 'active' | 'withdrawn';
}

export class AccountListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['organiser', 'judge', 'team'] })
  @IsOptional()
  @IsIn(['organiser', 'judge', 'team'], { message: 'Vai trò lọc không hợp lệ.' })
  role?: 'organiser' | 'judge' | 'team';
}
