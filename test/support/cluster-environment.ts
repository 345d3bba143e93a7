import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { CLUSTERS_OF_THIS_FILE, type PrintsRecentOutput } from './recent-output';

/**
 * Jest's node environment, plus: when a test of the file fails (an assertion, a throw, a
 * timeout, a failing hook), the recent output of the file's cluster instances is printed, so a
 * failure can be read from the servers' side too. A passing run prints nothing. A test file
 * opts in with the docblock `@jest-environment <rootDir>/test/support/cluster-environment.ts`.
 */
export default class ClusterEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_done' && event.test.errors.length > 0)
      this.printClusters(`“${fullName(event.test)}” failed`);
    // an afterAll that fails fails no test: said here (a failing beforeAll fails every test)
    if (event.name === 'hook_failure' && event.hook.type === 'afterAll')
      this.printClusters(`afterAll failed (${String(event.error)})`);
  }

  private printClusters(why: string): void {
    const clusters = (this.global as { [CLUSTERS_OF_THIS_FILE]?: Set<PrintsRecentOutput> })[
      CLUSTERS_OF_THIS_FILE
    ];
    clusters?.forEach((cluster) => cluster.printRecentOutput(why));
  }
}

function fullName(test: Circus.TestEntry): string {
  const names = [test.name];
  for (let block = test.parent; block && block.parent; block = block.parent)
    names.unshift(block.name);
  return names.join(' › ');
}
