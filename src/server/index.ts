// The HTTP server room: the express app (createApp), its error middleware, health, metrics and the
// logger every process uses. Adapters (LINE, console) come in as routers; this room only composes them.
export { type AnswerRuntime, cleanQuestion, MAX_QUESTION_CHARS, resolveMunicipality } from './api-answer.js';
export { type AppDeps, createApp, createRequestListener } from './app.js';
export { clusterCollector, serveClusterMetrics } from './cluster-metrics.js';
export { errorHandler, HttpError, notFound } from './errors.js';
export { createHealthRouter, type HealthDeps } from './health.js';
export { listen, type RunningServer } from './listen.js';
export { createLogger, hashUserId, type Logger, type LoggerOptions } from './logger.js';
export { type AnswerChannel, createMetrics, type Metrics, routeLabel } from './metrics.js';
