# strike-bot image: build with the dev dependencies, run with the production ones only.
#   docker build -t strike-bot .
#   docker run --env-file .env -p 3000:3000 -p 8080:8080 strike-bot
# compose.yaml runs it with Redis. Details: docs/deploy.md.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY data ./data
# Compile, then rebuild the fact store with this build's builder, so it is fresh (newer than the
# compiled builder) and the bot loads it at start instead of rebuilding it in a read-only image.
RUN npm run build \
  && node dist/src/cli/ingest.js data/southampton-junior-doctors-strike.txt --out data/facts.json

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HEALTH_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
# The image's files stay root's: the bot reads them and writes nothing there, except the gaps log
# file (STATE_DIR, ./state) when REDIS_URL is not set, or as Redis's fallback.
RUN mkdir -p state && chown node:node state
USER node
# 3000: Slack HTTP mode (POST /slack/events, /healthz, /metrics); 8080: /healthz and /metrics in every mode.
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The same small young generation as npm start (docs/deploy.md, Memory).
CMD ["node", "--max-semi-space-size=2", "dist/src/main.js"]
