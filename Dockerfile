# syntax=docker/dockerfile:1
# One image for both roles:
#   HTTP server (default):  node dist/src/server.js
#   BullMQ workers:         node dist/workers/main.js
#   command line:           node dist/src/cli.js <command>
ARG NODE_IMAGE=node:20-bookworm-slim

# Native addons (argon2, msgpackr-extract) ship prebuilt binaries for linux x64/arm64; the
# toolchain is here only so that `npm ci` can compile one where no prebuilt binary fits.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Production dependencies only: this node_modules is the one the run stage copies.
FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Every dependency (TypeScript and friends), then the compiled output in dist/.
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY src ./src
COPY workers ./workers
RUN npm run build

FROM ${NODE_IMAGE} AS run
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Files stay owned by root and read-only for the service user: the process writes nothing here.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time: survey pages, signed-in pages and e-mail templates (src/shared/paths.ts).
COPY views ./views
# The app's text catalogues, one folder per language (src/pages/i18n.ts).
COPY locales ./locales
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs
USER node
EXPOSE 3000
# /healthz for the HTTP role; for the workers role, their connection to Redis (see the script).
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "dist/src/server.js"]
