// GraphQL's share of the metrics: an Apollo plugin timing each HTTP operation, and the count of
// open WebSocket connections and their subscriptions.
import type { ApolloServerPlugin } from '@apollo/server';
import type { WebSocketServer } from 'ws';
import type { Metrics } from './metrics.js';

export function metricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      let type = 'unknown';
      let name: string | null | undefined;
      return {
        async didResolveOperation(ctx) {
          type = ctx.operation?.operation ?? type;
          name = ctx.operationName;
        },
        async willSendResponse(ctx) {
          const body = ctx.response.body;
          const failed = body.kind === 'single' ? Boolean(body.singleResult.errors?.length) : false;
          metrics.graphqlDuration.observe(
            {
              operation_type: type,
              operation_name: type === 'unknown' ? '_unparsed' : metrics.operationName(name),
              outcome: failed ? 'error' : 'success',
            },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

/** Subscriptions per connection (graphql-ws' ctx.extra), so a closed socket drops all of its own. */
export function trackWebSockets(wss: WebSocketServer, metrics?: Metrics) {
  const live = new Map<object, Set<string>>();
  metrics?.webSocketGauges(() => {
    let subscriptions = 0;
    for (const s of live.values()) subscriptions += s.size;
    return { connections: wss.clients.size, subscriptions };
  });
  return {
    subscribed(extra: object, id: string) {
      let s = live.get(extra);
      if (!s) live.set(extra, (s = new Set()));
      s.add(id);
    },
    completed(extra: object, id: string) {
      live.get(extra)?.delete(id);
    },
    closed(extra: object) {
      live.delete(extra);
    },
  };
}
