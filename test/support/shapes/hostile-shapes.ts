/**
 * Components that misbehave while they start (a start function that loops
 * for ever, one that traps), for the hang and crash tests: the mutation
 * campaign's own (scripts/mutation/start-shapes.ts), so both use the same.
 */
export { RUN_TRACE, startLoopsComponent, startTrapsComponent } from '../../../scripts/mutation/start-shapes.js';
