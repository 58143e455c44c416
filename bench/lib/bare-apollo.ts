// Child process: the read baseline. A bare Apollo Server 5 with one `hello` field, on node:http
// through executeHTTPGraphQLRequest (as Klike's server is), nothing else. Reports {type:'ready', url}.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { childGuard } from './common.js';

childGuard('bare-apollo');
const apollo = new ApolloServer({
  typeDefs: 'type Query { hello: String! }',
  resolvers: { Query: { hello: () => 'world' } },
  plugins: [ApolloServerPluginLandingPageDisabled()],
});
await apollo.start();
const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: url.search, body: text ? JSON.parse(text) : undefined },
    context: async () => ({}),
  });
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  res.end(result.body.kind === 'complete' ? result.body.string : '');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
process.on('message', (m: any) => {
  if (m?.type === 'stop') server.close(() => process.exit(0));
});
process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
