import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AccountStatusDto } from '../auth/auth.dto';
import { AmendRulesDto, TransitionDto } from '../contests/contests.dto';
import { FlagDuplicateDto } from '../entries/entries.dto';
import { SetupFinalDto } from '../final-round/final-round.dto';
import { ExclusionDto, WithdrawExclusionDto } from '../interactions/interactions.dto';
import { CloseJudgingDto, ReasonDto } from '../judging/judging.dto';
import { MarkBouncedDto } from '../notifications/notifications.dto';
import { FreezeDto, NotAwardedDto, RejectDto, TieDecisionDto } from '../results/results.dto';

/** Every request body that carries a reason: a reason typed as spaces is no reason. */
const WITH_REASON = {
  AccountStatusDto,
  AmendRulesDto,
  TransitionDto,
  FlagDuplicateDto,
  SetupFinalDto,
  ExclusionDto,
  WithdrawExclusionDto,
  ReasonDto,
  CloseJudgingDto,
  MarkBouncedDto,
  FreezeDto,
  NotAwardedDto,
  RejectDto,
  TieDecisionDto,
};

const reasonErrors = async (dto: new () => object, reason: string) => {
  const body = plainToInstance(dto, { reason });
  const errors = (await validate(body)).filter((e) => e.property === 'reason');
  return { errors, reason: (body as { reason?: string }).reason };
};

describe('reasons are read without their surrounding spaces', () => {
  it.each(Object.entries(WITH_REASON))('%s refuses a reason of spaces', async (_name, dto) => {
    const { errors } = await reasonErrors(dto, ' \u00a0'.repeat(12));
    expect(errors).toHaveLength(1);
  });

  it.each(Object.entries(WITH_REASON))('%s keeps a real reason, trimmed', async (_name, dto) => {
    const { errors, reason } = await reasonErrors(dto, '  Giám khảo xin sửa điểm tiêu chí  ');
    expect(errors).toEqual([]);
    expect(reason).toBe('Giám khảo xin sửa điểm tiêu chí');
  });
});
