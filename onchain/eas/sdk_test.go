package eas_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

// The EAS SDK and ethers versions are pinned in testdata/sdk/package.json and,
// with every transitive dependency, in testdata/sdk/package-lock.json (made
// with --omit-lockfile-registry-resolved, so it names no registry). The
// install is cached under the user cache directory, keyed by the lock file's
// hash, so only the first run pays for it.

// sdkDir returns a directory whose node_modules holds the pinned SDK,
// installing it on first use. Without npm or node it skips the test loudly,
// or fails it when CI is set.
func sdkDir(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not on PATH, and CI is set: the EAS SDK cross-check must run in CI", tool)
			}
			t.Logf("!!! %s is not on PATH: SKIPPING the EAS SDK cross-check; install Node.js to run it", tool)
			t.Skipf("%s not on PATH", tool)
		}
	}
	pkgJSON, err := os.ReadFile(filepath.Join("testdata", "sdk", "package.json"))
	require.NoError(t, err)
	lock, err := os.ReadFile(filepath.Join("testdata", "sdk", "package-lock.json"))
	require.NoError(t, err)
	sum := sha256.Sum256(append(append([]byte{}, pkgJSON...), lock...))

	cache, err := os.UserCacheDir()
	if err != nil {
		cache = t.TempDir()
	}
	parent := filepath.Join(cache, "kycgate")
	dir := filepath.Join(parent, "eas-sdk-"+hex.EncodeToString(sum[:6]))
	marker := filepath.Join(dir, "node_modules", "@ethereum-attestation-service", "eas-sdk", "package.json")
	if _, err := os.Stat(marker); err == nil {
		return dir
	}
	require.NoError(t, os.MkdirAll(parent, 0o755))
	tmp, err := os.MkdirTemp(parent, "eas-sdk-installing-")
	require.NoError(t, err)
	defer os.RemoveAll(tmp) // gone after a successful rename
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "package.json"), pkgJSON, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "package-lock.json"), lock, 0o644))

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "npm ci of the EAS SDK failed:\n%s", out)

	// Another test process may have finished first; either copy will do.
	if err := os.Rename(tmp, dir); err != nil {
		_, statErr := os.Stat(marker)
		require.NoError(t, statErr, "cannot move the SDK install into place: %v", err)
	}
	return dir
}

// sdkInput is what check.cjs reads.
type sdkInput struct {
	Schema string      `json:"schema"`
	Verify []sdkCase   `json:"verify"`
	URLs   []sdkURL    `json:"urls"`
	Sign   sdkSignSpec `json:"sign"`
}

type sdkDomain struct {
	Address string `json:"address"`
	Version string `json:"version"`
	ChainID string `json:"chainId"`
}

type sdkCase struct {
	Name    string       `json:"name"`
	Domain  sdkDomain    `json:"domain"`
	Package *eas.Package `json:"package"`
}

type sdkURL struct {
	Name     string    `json:"name"`
	Domain   sdkDomain `json:"domain"`
	Fragment string    `json:"fragment"`
}

type sdkSignSpec struct {
	Domain     sdkDomain      `json:"domain"`
	PrivateKey string         `json:"privateKey"`
	Claims     map[string]any `json:"claims"`
	Message    map[string]any `json:"message"`
}

// sdkOutput is what check.cjs prints.
type sdkOutput struct {
	SDKVersion    string `json:"sdkVersion"`
	EthersVersion string `json:"ethersVersion"`
	Verify        []struct {
		Name  string `json:"name"`
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	} `json:"verify"`
	URLs []struct {
		Name    string          `json:"name"`
		OK      bool            `json:"ok"`
		Package json.RawMessage `json:"package"`
	} `json:"urls"`
	Signed         string `json:"signed"`
	SignedFragment string `json:"signedFragment"`
	SignedURL      string `json:"signedURL"`
	KYCData        string `json:"kycData"`
	SchemaUID      string `json:"schemaUID"`
	TypeHash       string `json:"typeHash"`
	DomainHash     string `json:"domainHash"`
	StructHash     string `json:"structHash"`
	Digest         string `json:"digest"`
	UID            string `json:"uid"`
}

func sdkDomainOf(d eas.Domain) sdkDomain {
	return sdkDomain{Address: d.VerifyingContract.Hex(), Version: d.Version, ChainID: jsonUint(d.ChainID)}
}

func jsonUint(n uint64) string { b, _ := json.Marshal(n); return string(b) }

func runSDK(t *testing.T, dir string, in sdkInput) sdkOutput {
	t.Helper()
	tmp := t.TempDir()
	inPath := filepath.Join(tmp, "input.json")
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(inPath, b, 0o644))
	script, err := filepath.Abs(filepath.Join("testdata", "sdk", "check.cjs"))
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script, dir, inPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	require.NoError(t, err, "check.cjs failed:\n%s", stderr.String())
	var out sdkOutput
	require.NoError(t, json.Unmarshal(stdout, &out), "check.cjs printed:\n%s", stdout)
	return out
}

// inflate returns the JSON inside a base64 zlib fragment.
func inflate(t *testing.T, fragment string) string {
	t.Helper()
	z, err := base64.StdEncoding.DecodeString(fragment)
	require.NoError(t, err)
	r, err := zlib.NewReader(bytes.NewReader(z))
	require.NoError(t, err)
	js, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(js)
}

func TestSDKCrossCheck(t *testing.T) {
	t.Parallel()
	dir := sdkDir(t)
	b := setup(t)

	// Go packages, valid and tampered, for the SDK to verify.
	mainnetAtt := b.att
	mainnetAtt.Recipient = common.Address{}
	mainnetAtt.ExpirationTime = 0
	mainnetAtt.Revocable = false
	mainnetAtt.RefUID = common.HexToHash("0x00000000000000000000000000000000000000000000000000000000000000ff")
	mainnetPkg, err := eas.Sign(domainMainnet, mainnetAtt, b.signer)
	require.NoError(t, err)

	staleUID := clone(b.pkg)
	staleUID.Message.Time++
	resigned := clone(b.pkg) // data changed and UID recomputed: only the signature can tell
	resigned.Message.Data[31] = 3
	resigned.UID = resigned.Message.OffchainUID()
	otherSigner := clone(b.pkg)
	otherSigner.Signer = eas.NewKeySigner(mustKey(t, otherKeyHex)).Address()
	otherChain := clone(b.pkg) // the domain is covered by the signature
	otherChain.Domain = domainMainnet
	highS := clone(b.pkg)
	highS.Signature = malleate(highS.Signature)

	cases := []struct {
		name string
		d    eas.Domain
		pkg  *eas.Package
		want bool
	}{
		{"go-valid-op", domainOP, b.pkg, true},
		{"go-valid-mainnet", domainMainnet, mainnetPkg, true},
		{"go-tampered-stale-uid", domainOP, staleUID, false},
		{"go-tampered-data-resigned-uid", domainOP, resigned, false},
		{"go-tampered-signer", domainOP, otherSigner, false},
		{"go-tampered-chain", domainMainnet, otherChain, false},
		{"go-malleated-high-s", domainOP, highS, false}, // ethers: "non-canonical s",
	}
	in := sdkInput{Schema: eas.KYCSchema}
	for _, c := range cases {
		in.Verify = append(in.Verify, sdkCase{Name: c.name, Domain: sdkDomainOf(c.d), Package: c.pkg})
	}
	in.URLs = []sdkURL{
		{Name: "go-url-op", Domain: sdkDomainOf(domainOP), Fragment: eas.EncodeFragment(b.pkg)},
		{Name: "go-url-mainnet", Domain: sdkDomainOf(domainMainnet), Fragment: eas.EncodeFragment(mainnetPkg)},
	}
	in.Sign = sdkSignSpec{
		Domain:     sdkDomainOf(domainOP),
		PrivateKey: "0x" + testKeyHex,
		Claims:     map[string]any{"level": testClaims.Level, "country": "0x4445", "over18": testClaims.Over18, "walletRisk": testClaims.WalletRisk},
		Message: map[string]any{
			"schema":         b.att.Schema.Hex(),
			"recipient":      b.att.Recipient.Hex(),
			"time":           jsonUint(b.att.Time),
			"expirationTime": jsonUint(b.att.ExpirationTime),
			"revocable":      b.att.Revocable,
			"refUID":         b.att.RefUID.Hex(),
			"salt":           b.att.Salt.Hex(),
		},
	}

	out := runSDK(t, dir, in)
	t.Logf("EAS SDK %s, ethers %s", out.SDKVersion, out.EthersVersion)
	require.Equal(t, "2.10.0", out.SDKVersion, "installed SDK differs from testdata/sdk/package.json")
	require.Equal(t, "6.17.0", out.EthersVersion)

	t.Run("sdk verifies go packages", func(t *testing.T) {
		require.Len(t, out.Verify, len(cases))
		for i, c := range cases {
			got := out.Verify[i]
			require.Equal(t, c.name, got.Name)
			require.Equal(t, c.want, got.OK, "%s: SDK said %v (%s)", c.name, got.OK, got.Error)
		}
	})

	t.Run("sdk decodes go urls", func(t *testing.T) {
		require.Len(t, out.URLs, 2)
		for i, want := range []*eas.Package{b.pkg, mainnetPkg} {
			require.True(t, out.URLs[i].OK, out.URLs[i].Name)
			got, err := eas.ParsePackage(out.URLs[i].Package)
			require.NoError(t, err)
			require.Equal(t, want, got)
		}
	})

	t.Run("known answers agree", func(t *testing.T) {
		data, err := testClaims.Encode()
		require.NoError(t, err)
		require.Equal(t, "0x"+hex.EncodeToString(data), out.KYCData)
		require.Equal(t, eas.KYCSchemaUID.Hex(), out.SchemaUID)
		require.Equal(t, eas.AttestTypeHash.Hex(), out.TypeHash)
		require.Equal(t, domainOP.Separator().Hex(), out.DomainHash)
		require.Equal(t, b.att.StructHash().Hex(), out.StructHash)
		require.Equal(t, b.att.Digest(domainOP).Hex(), out.Digest)
		require.Equal(t, b.att.OffchainUID().Hex(), out.UID)
	})

	t.Run("go verifies the sdk package", func(t *testing.T) {
		sdkPkg, err := eas.ParsePackage([]byte(out.Signed))
		require.NoError(t, err)
		v, err := eas.Verify(sdkPkg, b.trust)
		require.NoError(t, err)
		require.Equal(t, testClaims, v.Claims)
		require.Equal(t, testRecipient, v.Recipient)

		// Same inputs, same deterministic (RFC 6979) signature, same bytes.
		require.Equal(t, b.pkg.UID, sdkPkg.UID)
		require.Equal(t, b.pkg.Signature.Bytes(), sdkPkg.Signature.Bytes())
		goJSON, err := json.Marshal(b.pkg)
		require.NoError(t, err)
		require.Equal(t, out.Signed, string(goJSON), "Go's package JSON differs from the SDK's")

		fromURL, err := eas.DecodeURL(out.SignedURL)
		require.NoError(t, err)
		require.Equal(t, b.pkg, fromURL)
		require.Equal(t, eas.URLPath, out.SignedURL[:len(eas.URLPath)])
		// pako and compress/zlib deflate differently; the JSON inside must match.
		require.Equal(t, inflate(t, out.SignedFragment), inflate(t, eas.EncodeFragment(b.pkg)),
			"Go's compacted package differs from the SDK's")
	})
}
