import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { BoardSnapshotService } from './board-snapshot.service';
import { LiveBoardController } from './live-board.controller';
import { LiveBoardHub } from './live-board.hub';
import { BoardChanges } from './board-changes';

@Module({
  imports: [ResultsModule],
  controllers: [LiveBoardController],
  providers: [BoardSnapshotService, LiveBoardHub, BoardChanges],
  exports: [LiveBoardHub],
})
export class LiveBoardModule {}
