// The HTTP server room: the express app (createApp), its error middleware, health and metrics (the logger
// and the cluster's metrics aggregation are the telemetry room's). Adapters (LINE, console) come in as
// routers; this room only composes them.
export { type AnswerRuntime, cleanQuestion, MAX_QUESTION_CHARS, resolveMunicipality } from './api-answer.js';
export { type AppDeps, createApp, createRequestListener } from './app.js';
export { errorHandler, HttpError, notFound } from './errors.js';
export { createHealthRouter, type HealthDeps } from './health.js';
export { listen, type RunningServer } from './listen.js';
export { type AnswerChannel, createMetrics, type Metrics, routeLabel } from './metrics.js';
