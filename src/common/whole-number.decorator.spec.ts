import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, validate, ValidateIf } from 'class-validator';
import { WholeNumber } from './whole-number.decorator';

/** What a DTO class answers: its OpenAPI property, and each refusal's rules in order. */
async function behaviour(cls: new () => { n?: number | null }, inputs: unknown[]) {
  const doc: unknown = Reflect.getMetadata('swagger/apiModelProperties', cls.prototype, 'n');
  const answers = [];
  for (const input of inputs) {
    const dto = plainToInstance(cls, input === undefined ? {} : { n: input });
    const errors = await validate(dto);
    // as entries: toEqual compares their order too (the order of the rules in a refusal)
    answers.push({ n: dto.n, errors: errors.map((e) => Object.entries(e.constraints ?? {})) });
  }
  return { doc, answers };
}

const BODY = [undefined, null, 'abc', '5', 5.5, -1, 0, 1, 100, 101, 1e9, true];
const QUERY = [undefined, '', 'abc', '5', '5.5', '-1', '0', '1', '100', '101'];

describe('WholeNumber: the same as the decorators stacked by hand, documented as an integer with its bounds', () => {
  it('a required body field with its own messages', async () => {
    class ByHand {
      @ApiProperty({ description: 'k', type: 'integer', minimum: 1, maximum: 100 })
      @IsInt({ message: 'nguyên' })
      @Min(1, { message: 'nhỏ' })
      @Max(100, { message: 'lớn' })
      n: number;
    }
    class Shared {
      @WholeNumber({
        min: 1,
        max: 100,
        messages: { int: 'nguyên', min: 'nhỏ', max: 'lớn' },
        doc: { description: 'k' },
      })
      n: number;
    }
    const shared = await behaviour(Shared, BODY);
    expect(shared).toEqual(await behaviour(ByHand, BODY));
    // a stack applies bottom up: the last rule written is reported first
    expect(shared.answers[2].errors[0]!.map(([rule]) => rule)).toEqual(['max', 'min', 'isInt']);
  });

  it('an optional query parameter, converted from its text', async () => {
    class ByHand {
      @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 1 })
      @IsOptional()
      @Type(() => Number)
      @IsInt()
      @Min(1)
      @Max(100)
      n?: number;
    }
    class Shared {
      @WholeNumber({
        optional: true,
        query: true,
        min: 1,
        max: 100,
        doc: { default: 1 },
      })
      n?: number;
    }
    const shared = await behaviour(Shared, QUERY);
    expect(shared).toEqual(await behaviour(ByHand, QUERY));
    expect(shared.answers[3]).toEqual({ n: 5, errors: [] });
  });

  it('an optional field that may be null, without an upper bound', async () => {
    class ByHand {
      @ApiPropertyOptional({ nullable: true, type: 'integer', minimum: 15 })
      @IsOptional()
      @ValidateIf((_o, v) => v !== null)
      @IsInt()
      @Min(15)
      n?: number | null;
    }
    class Shared {
      @WholeNumber({
        optional: true,
        nullable: true,
        min: 15,
      })
      n?: number | null;
    }
    const shared = await behaviour(Shared, BODY);
    expect(shared).toEqual(await behaviour(ByHand, BODY));
    expect(shared.answers[1]).toEqual({ n: null, errors: [] });
    expect(shared.answers[10]).toEqual({ n: 1e9, errors: [] });
  });

  it('a required field that may be null is still required', async () => {
    class Shared {
      @WholeNumber({ nullable: true, min: 0, max: 10 })
      n: number | null;
    }
    const { answers } = await behaviour(Shared, [undefined, null, 11]);
    expect(answers.map((a) => a.errors.length)).toEqual([1, 0, 1]);
  });
});
