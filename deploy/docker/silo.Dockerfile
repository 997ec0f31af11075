# syntax=docker/dockerfile:1
# SkillsOrleans silo: a core silo, or (with RUNTIME_ID set) the runtime silo of one OpenClaw runtime host.
# `docker run IMAGE migrate` applies the database schema and exits.
# Build from the repository root: docker build -f deploy/docker/silo.Dockerfile -t skillsorleans-silo .

ARG DOTNET_VERSION=10.0
# The OpenClaw CLI the runtime silo validates openclaw.json with: the gateway image's pinned versions.
ARG NODE_VERSION=24.21.0
ARG OPENCLAW_VERSION=2026.9.6

FROM node:${NODE_VERSION}-bookworm-slim AS openclaw
ARG OPENCLAW_VERSION
RUN npm install -g --no-audit --no-fund "openclaw@${OPENCLAW_VERSION}" \
    && npm cache clean --force

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY grains/ grains/
COPY silo/ silo/
COPY deploy/sql/ deploy/sql/
RUN dotnet restore silo/SkillsOrleans.Silo.csproj
RUN dotnet publish silo/SkillsOrleans.Silo.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# The runtime silo mounts the OpenClaw gateway's state and workspace volumes at the gateway's own paths
# (/root/.openclaw, /root/clawd), so the paths written into openclaw.json mean the same file in both containers.
# Both containers run as UID/GID 1654 (APP_UID of the .NET images): the host secret file is 0600 and both sides
# refuse a file owned by anyone else. /root becomes traversable (not listable) so that user can reach them.
# A new named volume takes the owner of the directory it is mounted on, so these directories seed the volumes.
RUN chmod 0711 /root \
    && install -d -m 0700 -o "$APP_UID" -g "$APP_UID" /root/.openclaw /root/clawd /var/lib/skillsorleans
# A runtime silo checks every openclaw.json it would write with OpenClaw's own validator before it replaces the
# file (docs/runtime/openclaw-config.md): node and the pinned CLI from the stage above, run by the wrapper script.
# The CLI's skills/ are the gateway's bundled skills, which the catalog lists too (OPENCLAW_BUNDLED_SKILLS_DIR).
COPY --from=openclaw /usr/local/bin/node /usr/local/bin/node
COPY --from=openclaw /usr/local/lib/node_modules/openclaw /usr/local/lib/node_modules/openclaw
RUN ln -s /usr/local/lib/node_modules/openclaw/openclaw.mjs /usr/local/bin/openclaw \
    && openclaw --version
COPY --from=build /app /app
COPY deploy/docker/silo-entrypoint.sh deploy/docker/http-health.sh deploy/docker/openclaw-config-validate.sh /usr/local/bin/
ENV Urls=http://+:8081 \
    Orleans__ListenOnAnyHostAddress=true \
    RUNTIME_SEALING_KEY_FILE=/var/lib/skillsorleans/sealing-key.pem \
    OPENCLAW_CONFIG_VALIDATE_COMMAND=/usr/local/bin/openclaw-config-validate.sh \
    OPENCLAW_BUNDLED_SKILLS_DIR=/usr/local/lib/node_modules/openclaw/skills
EXPOSE 8081 11111 30000
USER $APP_UID
WORKDIR /app
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=4 \
    CMD ["/usr/local/bin/http-health.sh", "http://127.0.0.1:8081/health"]
ENTRYPOINT ["/usr/local/bin/silo-entrypoint.sh"]
