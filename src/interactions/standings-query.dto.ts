import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../common/paging';
import { AnomalyQuery } from './interactions.dto';

/** The standings as a list: paging, search, order and a filter, beside the anomaly settings. */
export class StandingsQueryDto extends IntersectionType(PageQueryDto, AnomalyQuery) {
  @ApiPropertyOptional({
    enum: ['team', 'rank'],
    default: 'team',
    description: 'team: by team number; rank: best first, entries without counts last',
  })
  @IsOptional()
  @IsIn(['team', 'rank'], { message: 'Thứ tự không hợp lệ.' })
  sort?: 'team' | 'rank';

  @ApiPropertyOptional({
    enum: ['flagged', 'excluded'],
    description: 'flagged: entries with an anomaly; excluded: entries with an active exclusion',
  })
  @IsOptional()
  @IsIn(['flagged', 'excluded'], { message: 'Bộ lọc không hợp lệ.' })
  filter?: 'flagged' | 'excluded';
}
