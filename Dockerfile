# torchlab: one static binary (pure-Go SQLite, no cgo) on a distroless base
# that runs as a non-root user. Build: docker build -t torchlab .
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/torchlab ./cmd/torchlab \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/torchlab /torchlab
# /data holds the SQLite database and its key when no MySQL is configured.
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /data
# Without MySQL, the database and its key live here: keep them on a volume.
VOLUME /data
ENV TORCHLAB_ADDR=:8080 \
    TORCHLAB_DB=sqlite:/data/torchlab.db
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/torchlab", "healthcheck"]
ENTRYPOINT ["/torchlab"]
CMD ["serve"]
