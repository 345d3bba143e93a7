import { Init1763900000000 } from './1763900000000-init';
import { EntriesUploads1763910000000 } from './1763910000000-entries-uploads';
import { Interactions1763920000000 } from './1763920000000-interactions';
import { FinalRound1763940000000 } from './1763940000000-final-round';
import { Judging1763930000000 } from './1763930000000-judging';
import { Results1763950000000 } from './1763950000000-results';
import { AuditChain1763960000000 } from './1763960000000-audit-chain';
import { CountsInSnapshots1763970000000 } from './1763970000000-counts-in-snapshots';
import { SnapshotChecksPerStatement1763980000000 } from './1763980000000-snapshot-checks-per-statement';
import { UnawardedPrizes1764100000000 } from './1764100000000-unawarded-prizes';
import { AuditCorrelationId1764310000000 } from './1764310000000-audit-correlation-id';
import { AuditCheckpoints1764320000000 } from './1764320000000-audit-checkpoints';
import { LoginAttempts1764330000000 } from './1764330000000-login-attempts';
import { ImportPreviews1764400000000 } from './1764400000000-import-previews';
import { Notifications1764700000000 } from './1764700000000-notifications';
import { NotificationBounces1765300000000 } from './1765300000000-notification-bounces';
import { AwardCeremony1765420000000 } from './1765420000000-award-ceremony';
import { UploadSuperseded1764800000000 } from './1764800000000-upload-superseded';
import { JudgingPanels1765000000000 } from './1765000000000-judging-panels';
import { Registration1765100000000 } from './1765100000000-registration';
import { DirectUploads1765400000000 } from './1765400000000-direct-uploads';
import { Fanpage1765440000000 } from './1765440000000-fanpage';
import { FinalDateVenue1765460000000 } from './1765460000000-final-date-venue';
import { JobLeases1765480000000 } from './1765480000000-job-leases';
import { NotificationDedupePerContest1765540000000 } from './1765540000000-notification-dedupe-per-contest';

/** Ordered list of migrations (imported explicitly so the build and the tests agree). */
export const MIGRATIONS = [
  Init1763900000000,
  EntriesUploads1763910000000,
  Interactions1763920000000,
  Judging1763930000000,
  FinalRound1763940000000,
  Results1763950000000,
  AuditChain1763960000000,
  CountsInSnapshots1763970000000,
  SnapshotChecksPerStatement1763980000000,
  UnawardedPrizes1764100000000,
  AuditCorrelationId1764310000000,
  AuditCheckpoints1764320000000,
  LoginAttempts1764330000000,
  ImportPreviews1764400000000,
  Notifications1764700000000,
  UploadSuperseded1764800000000,
  JudgingPanels1765000000000,
  Registration1765100000000,
  NotificationBounces1765300000000,
  DirectUploads1765400000000,
  AwardCeremony1765420000000,
  Fanpage1765440000000,
  FinalDateVenue1765460000000,
  JobLeases1765480000000,
  NotificationDedupePerContest1765540000000,
];
