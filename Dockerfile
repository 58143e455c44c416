# One image for both roles, running compiled JavaScript (tsx is for development only):
#   node dist/main.js api | worker          (CMD below runs the API)
#   node dist/scripts/migrate.js            (the Kubernetes migration Job)
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/client/package.json packages/client/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg pocketsphinx pocketsphinx-en-us ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci needs every workspace's manifest (packages/client is the typed client and CLI).
COPY packages/client/package.json packages/client/
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY schema.graphql ./
ENV NODE_ENV=production
USER node
EXPOSE 4000
# SIGTERM reaches node directly (no npm in between), so shutdown drains as documented.
CMD ["node", "dist/main.js", "api"]
