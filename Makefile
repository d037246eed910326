# kycgate — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/kycgate
PKGS    := ./...

.PHONY: run build test test-race fuzz bench clean contracts gas loadtest loadtest-faults

## run: build and serve on 127.0.0.1:8080 with the embedded default (SQLite under ./data, dev tenant, dev keys)
run: build
	KYCGATE_COOKIE_SECURE=false ./$(BIN) serve --dev

## build: compile the single binary into ./bin
build:
	$(GO) build -o $(BIN) ./cmd/kycgate

## test: go vet, then the whole suite through tools/testsummary: package results, failing tests' output,
## one line per group of skipped tests with its reason (PostgreSQL, Chromium, Node.js; CI fails instead),
## and a closing line "N passed, N failed, N skipped"; exits non-zero when anything failed
test:
	$(GO) vet $(PKGS)
	$(GO) run ./tools/testsummary -go $(GO) -- -count=1 $(PKGS)

## test-race: the whole suite once under the race detector (CI runs it after make test)
test-race:
	$(GO) run ./tools/testsummary -go $(GO) -- -race -count=1 $(PKGS)

## contracts: install the pinned solc (npm ci), compile contracts/src/*.sol to contracts/artifacts/ and regenerate the Go bindings (abigen v2)
contracts:
	cd contracts && npm ci --no-audit --no-fund
	cd contracts && GO=$(GO) node compile.js

## fuzz: a short fuzzing run of SIWE message parsing and verification (CI runs it too)
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzVerifyMessage$$' -fuzztime=$(FUZZTIME) ./auth

## bench: the hot-path benchmarks (SIWE, sign-in, attestation sign/verify and the verify endpoint, gating, OFAC lookup and parse)
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./auth ./wallet ./onchain/eas ./onchain/verifier ./attest ./kyc/... ./storage/sqlite ./screening/...

## gas: the onchain verifier's gas on the simulated chain (mainnet Osaka rules): overhead of a KYC-gated call over the ungated one, deploy, revoke, signer rotation
gas:
	@out=$$($(GO) test -count=1 -run='^TestGasReport$$' -v ./onchain/verifier) || { echo "$$out"; exit 1; }; \
	echo "$$out" | grep -E '^[a-z-]+-gas: [0-9]+$$'

## loadtest: build the gateway and drive it (SQLite, and replicas over a fresh PostgreSQL database behind a round-robin
## proxy) at a fixed concurrency for a fixed time; prints the throughput, latencies and ratios to baselines measured in
## the same run as Markdown. LOADTEST_FLAGS passes flags, e.g. LOADTEST_FLAGS='-workers 16 -duration 10s -replicas 2'
LOADTEST_FLAGS ?=
loadtest:
	$(GO) run ./tools/loadtest $(LOADTEST_FLAGS)

## loadtest-faults: three replicas over PostgreSQL under load, one SIGKILLed and restarted, every connection terminated,
## then the invariants checked (exit 1 when one does not hold)
loadtest-faults:
	$(GO) run ./tools/loadtest -faults $(LOADTEST_FLAGS)

clean:
	rm -rf bin
