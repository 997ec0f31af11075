# syntax=docker/dockerfile:1
# SkillsOrleans API: the admin API (an Orleans client of the cluster).
# Build from the repository root: docker build -f deploy/docker/api.Dockerfile -t skillsorleans-api .

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY grains/ grains/
COPY api/ api/
COPY deploy/sql/ deploy/sql/
RUN dotnet restore api/SkillsOrleans.Api.csproj
RUN dotnet publish api/SkillsOrleans.Api.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
COPY --from=build /app /app
COPY deploy/docker/http-health.sh /usr/local/bin/
ENV Urls=http://+:8080
EXPOSE 8080
USER $APP_UID
WORKDIR /app
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=4 \
    CMD ["/usr/local/bin/http-health.sh", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["dotnet", "/app/SkillsOrleans.Api.dll"]
