// What every process of the server writes and reports, the cluster primary included: the JSON logger
// (secrets censored, LINE user ids hashed) and the cluster-wide /metrics aggregation. Its own room so that
// the primary, which only forks, restarts and aggregates, loads neither express nor the answer room.
export { clusterCollector, serveClusterMetrics } from './cluster-metrics.js';
export { createLogger, hashUserId, type Logger, type LoggerOptions } from './logger.js';
