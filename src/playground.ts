// The browser IDE at /graphql: ruru's prebuilt GraphiQL 5 (React, Monaco and its workers), served
// from node_modules so nothing is fetched from a CDN. Queries go over HTTP, subscriptions over
// graphql-ws on the same path; GraphiQL sends the headers typed in its Headers tab as the
// connection's `connectionParams`, which the WebSocket server reads like HTTP headers.
import type http from 'node:http';
import { ruruHTML, type RuruServerConfig } from 'ruru/server';
import { serveStatic } from 'ruru/static';

/** URL path of ruru's bundle (must end with a slash). */
export const PLAYGROUND_STATIC_PATH = '/ruru-static/';

/** The example operations a new user finds in the editor, in the order they are run. */
export const PLAYGROUND_EXAMPLE = `# Klike: analyse a video ad, step by step. Pick an operation with the ▶ button.
#
# 1. SignUp (or SignIn) and copy "token" into the Headers tab below:
#      { "Authorization": "Bearer <token>" }
#    The same headers authenticate subscriptions (sent as graphql-ws connectionParams).
# 2. CreateUpload, then PUT the file to "uploadUrl" with "uploadHeaders":
#      curl -X PUT -H 'content-type: video/mp4' --data-binary @ad.mp4 '<uploadUrl>'
# 3. ConfirmUpload with the video id: starts the analysis and returns the task.
# 4. FollowTask with the task id: live progress until COMPLETED, FAILED or CANCELLED.
# 5. TaskResult: the score, issues and recommendations.

mutation SignUp($email: String! = "me@example.com", $password: String! = "a long password") {
  signUp(input: { email: $email, password: $password }) {
    token
    refreshToken
    user { id email }
  }
}

mutation SignIn($email: String! = "me@example.com", $password: String! = "a long password") {
  signIn(input: { email: $email, password: $password }) {
    token
    refreshToken
  }
}

query Me {
  me { id email role }
}

mutation CreateUpload($sizeBytes: Int! = 1000000) {
  createVideoUpload(input: { filename: "ad.mp4", contentType: "video/mp4", sizeBytes: $sizeBytes }) {
    video { id status }
    uploadUrl
    uploadMethod
    uploadHeaders { name value }
    expiresAt
  }
}

mutation ConfirmUpload($videoId: ID!) {
  confirmVideoUpload(input: { videoId: $videoId, analysis: { platforms: [TIKTOK, META_REELS] } }) {
    video { id status media { durationSeconds } }
    task { id status }
  }
}

subscription FollowTask($taskId: ID!, $afterSequence: Int) {
  taskUpdated(taskId: $taskId, afterSequence: $afterSequence) {
    sequence
    status
    progress
    message
    error { code message }
  }
}

query TaskResult($taskId: ID!) {
  task(id: $taskId) {
    status
    result {
      score
      grade
      summary
      detectedIssues { code severity title atSeconds }
      recommendations { priority severity impact effort text timestampLabel }
    }
  }
}
`;

export interface Playground {
  /** Handles the IDE page and its assets; false when the request is for something else. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean;
}

export function createPlayground(opts: { graphqlPath: string }): Playground {
  const html = ruruHTML({
    endpoint: opts.graphqlPath,
    // Relative: ruru turns it into ws(s)://<this host><path>, so the IDE follows whatever host serves it.
    subscriptionEndpoint: opts.graphqlPath,
    staticPath: PLAYGROUND_STATIC_PATH,
    htmlParts: { titleTag: '<title>Klike GraphQL IDE</title>' },
    clientConfig: {
      initialQuery: PLAYGROUND_EXAMPLE,
      initialVariables: JSON.stringify({ videoId: '', taskId: '' }, null, 2),
      // Empty: an Authorization header without a token is refused, even for signUp.
      initialHeaders: '{}',
      isHeadersEditorEnabled: true,
      // Grafast-only tools (plan diagrams, explain) have nothing to show for this server.
      debugTools: [],
      // ruru-types declares every GraphiQL prop required (its React types are not installed here).
    } as Partial<NonNullable<RuruServerConfig['clientConfig']>> as RuruServerConfig['clientConfig'],
  });
  const assets = serveStatic(PLAYGROUND_STATIC_PATH);
  return {
    handle(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      if (pathname.startsWith(PLAYGROUND_STATIC_PATH)) {
        assets(req, res, () => {
          res.statusCode = 404;
          res.end();
        });
        return true;
      }
      // Browsers navigating to /graphql; API clients (Accept: application/json, ?query=) go to Apollo.
      if (pathname !== opts.graphqlPath || !String(req.headers.accept ?? '').includes('text/html')) return false;
      if (new URL(req.url ?? '/', 'http://localhost').searchParams.has('query')) return false;
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(req.method === 'HEAD' ? undefined : html);
      return true;
    },
  };
}
