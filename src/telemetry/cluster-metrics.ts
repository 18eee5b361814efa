// /metrics under node:cluster: whichever worker gets the scrape asks the primary, which gathers every
// worker's registry (prom-client's AggregatorRegistry) and answers with the sum, so a scrape through
// the shared port sees the whole cluster, not one random worker.
import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQ = 'madoguchi:metrics-req';
const RES = 'madoguchi:metrics-res';

interface MetricsMessage {
  type?: string;
  id?: number;
  text?: string;
  error?: string;
}

// In the primary: answer workers' requests with the aggregated exposition.
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsMessage) => {
    if (message?.type !== REQ) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: RES, id: message.id, text }),
      (err: Error) => worker.isConnected() && worker.send({ type: RES, id: message.id, error: err.message }),
    );
  });
}

// In a worker: offer our registry to the primary; collect() returns the cluster-wide exposition, or
// this worker's own when not under a primary (or the primary does not answer in time).
export function clusterCollector(registry: Registry, timeoutMs = 3000): () => Promise<string> {
  if (!cluster.isWorker || !process.send) return () => registry.metrics();
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // installs the worker-side listener that answers the primary
  let seq = 0;
  const waiting = new Map<number, (text: string | null) => void>();
  process.on('message', (message: MetricsMessage) => {
    if (message?.type !== RES || message.id === undefined) return;
    waiting.get(message.id)?.(message.text ?? null);
  });
  return () =>
    new Promise<string>((resolve) => {
      const id = ++seq;
      const finish = (text: string | null) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (text !== null) resolve(text);
        else registry.metrics().then(resolve, () => resolve(''));
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      waiting.set(id, finish);
      process.send?.({ type: REQ, id });
    });
}
