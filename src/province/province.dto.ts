import { PickType } from '@nestjs/swagger';
import { CreateContestDto } from '../contests/contests.dto';
import { WholeNumber } from '../common/whole-number.decorator';

export class YearQuery {
  @WholeNumber({
    optional: true,
    query: true,
    min: 2000,
    max: 2100,
    messages: { int: 'Năm phải là số nguyên.', min: 'Năm không hợp lệ.', max: 'Năm không hợp lệ.' },
    doc: { description: 'Default: this year' },
  })
  year?: number;
}

/** A new contest taking the rules (rubric, prizes…) of an existing one: same checks as creating one. */
export class CopyContestDto extends PickType(CreateContestDto, [
  'slug',
  'name',
  'description',
] as const) {}
