package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/kyc/didit"
)

// providersSetup runs `kycgate providers setup didit`: it creates Didit's recommended KYC
// workflow when KYCGATE_DIDIT_WORKFLOW_ID is not set and prints {"workflowId","created"}.
// The work is didit.Setup's.
func providersSetup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kycgate providers setup didit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("providers setup didit: unexpected argument %q", fs.Arg(0))
	}
	var cfg didit.SetupConfig
	if err := conf.Decode(didit.Type, &cfg, os.Getenv); err != nil {
		return fmt.Errorf("providers setup didit: %w", err)
	}
	res, err := didit.Setup(ctx, cfg)
	if err != nil {
		return fmt.Errorf("providers setup didit: %w", err)
	}
	if !res.Created {
		fmt.Fprintln(stderr, "KYCGATE_DIDIT_WORKFLOW_ID is set: that workflow is used; nothing was created")
	}
	return writeJSON(stdout, res)
}
