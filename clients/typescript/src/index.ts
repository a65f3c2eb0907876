/** Tasklane's TypeScript client: submit durable background tasks, follow them live, and act on them. */
export * from "./client.js";
export * from "./errors.js";
export { parseEvents } from "./sse.js";
export type { components, paths } from "./openapi.js";
