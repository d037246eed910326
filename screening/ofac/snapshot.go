package ofac

import (
	"bytes"
	_ "embed" // the snapshot
	"fmt"
	"time"

	"github.com/kycgate/kycgate/screening/ofac/internal/sdn"
)

// The snapshot is the list the binary answers from until a download (or the file)
// succeeds, so that the gateway works offline. It is public data, regenerated from
// ../shared/data/ofac (beside the repository) by the command below; TestSnapshotIsUpToDate
// runs that command again and fails on any difference. To move it forward, put a newer
// list there (the XML export or one address per line), update -in, -date and -source, run
// `go generate ./screening/ofac` and commit.
//
//go:generate go run ./internal/gensnapshot -in ../../../shared/data/ofac/sanctioned_addresses_ETH.txt -date 2025-11-19 -source 0xB10C/ofac-sanctioned-digital-currency-addresses -out snapshot.txt

//go:embed snapshot.txt
var snapshotText []byte

func snapshot() (*sdn.List, error) {
	l, err := sdn.Parse(bytes.NewReader(snapshotText))
	if err != nil {
		return nil, fmt.Errorf("ofac: embedded snapshot: %w", err)
	}
	if l.Date.IsZero() {
		return nil, fmt.Errorf("ofac: embedded snapshot has no %s line", sdn.PublishedHeader)
	}
	return l, nil
}

// SnapshotDate is the publication date of the embedded snapshot.
func SnapshotDate() time.Time {
	l, err := snapshot()
	if err != nil {
		return time.Time{}
	}
	return l.Date
}
