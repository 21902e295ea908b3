# syntax=docker/dockerfile:1
# One image, two programs, both native executables (NativeAOT): /app/webhook/Tarnfui.Webhook and
# /app/sweeper/Tarnfui.Sweeper, ready in milliseconds and a few tens of MiB resident instead of the JIT runtime's ~100.
# The manifests pick one with `command` (manifests/base/*-deployment.yaml). Build: docker build -t ghcr.io/tarnfui/tarnfui:<tag> .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# NativeAOT links both programs with clang against zlib (scripts/publish.sh); the SDK image has neither.
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files only, so that a source change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Core/Tarnfui.Core.csproj src/Core/
COPY src/Kube/Tarnfui.Kube.csproj src/Kube/
COPY src/Webhook/Tarnfui.Webhook.csproj src/Webhook/
COPY src/Sweeper/Tarnfui.Sweeper.csproj src/Sweeper/
# Restored for the platform they are compiled for, with the NativeAOT compiler packages.
RUN dotnet restore src/Webhook/Tarnfui.Webhook.csproj --use-current-runtime -p:PublishAot=true \
 && dotnet restore src/Sweeper/Tarnfui.Sweeper.csproj --use-current-runtime -p:PublishAot=true
COPY src/Core/ src/Core/
COPY src/Kube/ src/Kube/
COPY src/Webhook/ src/Webhook/
COPY src/Sweeper/ src/Sweeper/
COPY scripts/publish.sh scripts/
# The same script the tests run (tests/Deploy.Tests/Publishing).
RUN scripts/publish.sh /app --no-restore

# Chiseled Ubuntu with only what a native .NET program links at run time (glibc, OpenSSL for TLS, CA certificates):
# no shell, no package manager, and no .NET runtime, which neither program needs any more (the aspnet image's shared
# framework would be ~100 MiB of files nothing loads). NodaTime carries its own time-zone database and the projects
# use invariant globalization, so neither tzdata nor ICU is needed.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build --chown=0:0 /app /app
# The uid the manifests run as (runAsUser 64198); files are root-owned and read-only to it.
USER 64198:64198
EXPOSE 8443 8080
# Exec form, no shell. The manifests name the program with `command` (the sweeper's is `/app/sweeper/Tarnfui.Sweeper`).
ENTRYPOINT ["/app/webhook/Tarnfui.Webhook"]
