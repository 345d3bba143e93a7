import { AuditChainLink } from '../audit/audit-chain-link.entity';
import { AuditCheckpoint } from '../audit/audit-checkpoint.entity';
import { LoginAttempt } from '../auth/login-attempt.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { EntryReview } from '../entries/entry-review.entity';
import { Entry } from '../entries/entry.entity';
import { InteractionExclusion } from '../interactions/interaction-exclusion.entity';
import { InteractionSnapshot } from '../interactions/interaction-snapshot.entity';
import { FinalState } from '../final-round/final-state.entity';
import { Nomination } from '../final-round/nomination.entity';
import { PartScorecard } from '../final-round/part-scorecard.entity';
import { IdempotencyKey } from '../judging/idempotency-key.entity';
import { JudgeAssignment } from '../judging/judge-assignment.entity';
import { JudgeConflict } from '../judging/judge-conflict.entity';
import { PanelPlan } from '../judging/panel-plan.entity';
import { Scorecard } from '../judging/scorecard.entity';
import { ConfirmedAward } from '../results/confirmed-award.entity';
import { UnawardedPrize } from '../results/unawarded-prize.entity';
import { ResultsVersion } from '../results/results-version.entity';
import { TieDecision } from '../results/tie-decision.entity';
import { Upload } from '../uploads/upload.entity';
import { UploadPart } from '../uploads/upload-part.entity';
import { User } from '../auth/user.entity';
import { ContestMember } from '../contests/contest-member.entity';
import { Contest } from '../contests/contest.entity';
import { RulesVersion } from '../contests/rules-version.entity';
import { TeamMember } from '../teams/team-member.entity';
import { Team } from '../teams/team.entity';
import { Unit } from '../units/unit.entity';
import { NotificationSettings } from '../notifications/notification-settings.entity';
import { Notification } from '../notifications/notification.entity';

/** Every entity of the application; the migrations must produce exactly their schema. */
export const ENTITIES = [
  User,
  Contest,
  RulesVersion,
  ContestMember,
  Unit,
  Team,
  TeamMember,
  AuditEntry,
  AuditChainLink,
  AuditCheckpoint,
  LoginAttempt,
  Upload,
  UploadPart,
  Entry,
  EntryReview,
  InteractionSnapshot,
  InteractionExclusion,
  JudgeAssignment,
  JudgeConflict,
  PanelPlan,
  Scorecard,
  IdempotencyKey,
  FinalState,
  PartScorecard,
  Nomination,
  TieDecision,
  ConfirmedAward,
  ResultsVersion,
  UnawardedPrize,
  Notification,
  NotificationSettings,
];
