# syntax=docker/dockerfile:1
# Multi-stage build: dependencies are compiled in the build stage (better-sqlite3 is a native
# addon), the runtime stage carries only what `npm start` needs, as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_URL=file:/data/geobrief.db
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The server applies pending migrations and seeds an empty database before listening. It runs as
# PID 1 itself (not under npm or a shell) so that `docker stop`'s SIGTERM reaches it and it drains
# in-flight requests (test/robustness/shutdown.test.ts runs this very command).
CMD ["node", "--enable-source-maps", "--max-old-space-size=128", "dist/server.mjs"]
