# channel-kb API image. Build: docker build -t channel-kb .  Run it with docker compose (see
# docker-compose.yml) or with MONGODB_URI, MEILI_URL, MEILI_API_KEY and AUTH_JWT_SECRET set:
# the image holds neither dev/ (the embedded services' launcher, see .dockerignore) nor the embedded
# Meilisearch binary, so without MONGODB_URI and MEILI_URL it exits with a message naming them.
# Its essentials (base image, non-root user, compiled entry point, health check) are checked by
# tests/integration/deploy-files.test.ts, since no Docker engine runs where the tests run.

# Node 24 (the active LTS), Debian 12 slim, pinned by digest: the multi-platform index of
# node:24.19.0-bookworm-slim as docker-library/repo-info records it (repos/node/remote/
# 24.19.0-bookworm-slim.md, built 2026-08-03). Renew both together, from the same record.
ARG NODE_IMAGE=node:24.19.0-bookworm-slim@sha256:cd84903a12dbd26b46f1f3b8144a2568c41c5d37ddd0c7a80a34c7a19786b35f

# ---- build: compile TypeScript to dist/ and the console to console/dist -----------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The console is an npm workspace: npm ci needs its manifest to match the lockfile.
COPY console/package.json ./console/
# --ignore-scripts: postinstall (dev/embedded/install-emulator.mjs) only installs the dev-time MongoDB
# emulator, and dev/ is not in the build context.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# tsc -p tsconfig.build.json emits dist/src (entry dist/src/main.js, the CLIs in dist/src/cli) and
# dist/seed; never dev/; then the console's Vite build writes console/dist.
# The mkdir makes the optional data folders exist even when the checkout has none, so the
# runtime stage can copy them unconditionally.
RUN npm run build && mkdir -p schema seed

# ---- deps: production dependencies only (only node_modules leaves this stage, not the npm cache) ---
FROM ${NODE_IMAGE} AS deps
# true: keep GraphiQL's page and its React bundle (graphiql, react, react-dom: ~50 MB), for an image
# that serves GraphiQL (GRAPHIQL=true). Without them, GRAPHIQL=true stops the service at start
# with a message saying to rebuild with this argument.
ARG WITH_GRAPHIQL=false
WORKDIR /app
COPY package.json package-lock.json ./
COPY console/package.json ./console/
# --omit=dev: no tsx, TypeScript or test tools: production runs the compiled JavaScript.
# --omit=optional: no embedded Meilisearch binary, no emulator dependencies.
# --workspaces=false: not the console's packages (its build is static files in console/dist).
# Without GraphiQL, its three packages are dropped from the manifest and npm installs the rest at
# the lockfile's versions.
RUN if [ "$WITH_GRAPHIQL" = "true" ]; then \
      npm ci --omit=dev --omit=optional --workspaces=false --ignore-scripts --no-audit --no-fund; \
    else \
      npm pkg delete dependencies.graphiql dependencies.react dependencies.react-dom && \
      npm install --omit=dev --omit=optional --workspaces=false --ignore-scripts --no-audit --no-fund; \
    fi

# ---- runtime ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# package.json is needed at run time: its "type": "module" makes dist/*.js ES modules.
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web console, built by `npm run build` (served at / by src/http/console.ts).
COPY --from=build /app/console/dist ./console/dist
COPY --from=build /app/schema ./schema
COPY --from=build /app/seed ./seed
# Code stays root-owned and read-only for the app; only DATA_DIR (default .data) is writable.
RUN mkdir -p /app/.data && chown node:node /app/.data
# The image's unprivileged user (uid 1000).
USER node
EXPOSE 4000
# node's built-in fetch: the slim image has no curl. /readyz answers 503 until MongoDB is
# reachable (200 "degraded" while only Meilisearch is down); start-period covers seeding.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node runs as PID 1 and handles SIGTERM/SIGINT itself (graceful drain); compose adds an init
# process (init: true) to reap zombies and forward signals. The command-line tasks are compiled too:
# docker compose run --rm api node dist/src/cli/search.js check
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
