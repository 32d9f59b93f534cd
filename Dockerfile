# One image for the API and the site builder (docker-compose.yml). Multi-stage: build with dev
# dependencies, run without. Search runs in its own container (MEILI_URL), so the npm-shipped
# Meilisearch binary is removed from the image.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY api/package.json api/
COPY search/package.json search/
COPY site/package.json site/
# Fixes applied to dependencies after install (patch-package; see patches/README.md).
COPY patches patches
# Optional dependencies stay: Astro's bundler needs its platform binaries (rollup, esbuild).
RUN npm ci --no-audit --no-fund
COPY api api
COPY search search
COPY site site
COPY data data
RUN npm run build --workspace search && npm run build --workspace api \
  && npm prune --omit=dev \
  && rm -rf node_modules/@gaubee

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 ASTRO_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/api/package.json api/
COPY --from=build /app/api/dist api/dist
COPY --from=build /app/api/src/ide api/src/ide
COPY --from=build /app/search/package.json search/
COPY --from=build /app/search/dist search/dist
# The site builder writes Astro's cache under site/: the sources belong to the user it runs as.
COPY --from=build --chown=node:node /app/site site
COPY --from=build /app/data data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s CMD node -e "fetch('http://127.0.0.1:4000/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Runs the database migrations, then serves the API (the site builder overrides the command).
CMD ["node", "api/dist/cli/start.js"]
