/**
 * The console's sections other than the overview, in a chunk of their own: the overview (the
 * page an organiser opens first, on a weak line too) does not wait for the code of ten other
 * sections. The server names this chunk for preloading with a section's address
 * (src/web-app.ts), and the service worker keeps it with the rest of the console.
 */
export { FinalControl } from './FinalControl';
export { Interactions } from './Interactions';
export { JudgingProgress } from './JudgingProgress';
export { Moderation } from './Moderation';
export { Notifications } from './Notifications';
export { People } from './People';
export { YearOverview } from './province/YearOverview';
export { Registration } from './Registration';
export { Results } from './Results';
export { Setup } from './Setup';
