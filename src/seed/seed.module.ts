import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ContestsModule } from '../contests/contests.module';
import { TeamsModule } from '../teams/teams.module';
import { UnitsModule } from '../units/units.module';
import { InitialAccountsFile } from './initial-accounts';
import { SeedService } from './seed.service';

@Module({
  imports: [AuthModule, ContestsModule, UnitsModule, TeamsModule],
  providers: [SeedService, InitialAccountsFile],
  exports: [SeedService, InitialAccountsFile],
})
export class SeedModule {}
