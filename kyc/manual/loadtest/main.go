// Command loadtest measures the peak memory of a real gateway under concurrent
// maximum-size uploads: it starts the given kycgate binary in development mode on an
// SQLite database in a temporary directory, opens one verification per upload, sends them all at once, and
// prints the server's peak resident set size (VmHWM, Linux) before and after.
//
//	go build -o /tmp/kycgate ./cmd/kycgate
//	go run ./kyc/manual/loadtest -binary /tmp/kycgate -n 20 -kind jpeg
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"log"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

func main() {
	binary := flag.String("binary", "", "kycgate binary built from this tree")
	n := flag.Int("n", 20, "concurrent uploads")
	kind := flag.String("kind", "jpeg", "jpeg: noisy photos; png: 49-megapixel images (the most decoding)")
	size := flag.Int("size", 10<<20, "upload limit the gateway runs with (bytes); files are just under it")
	flag.Parse()
	if *binary == "" {
		log.Fatal("-binary is required")
	}
	file := makeFile(*kind, *size-(64<<10))
	log.Printf("file: %s, %d bytes", *kind, len(file))

	dir, err := os.MkdirTemp("", "kycgate-load")
	check(err)
	defer os.RemoveAll(dir)
	addr := freeAddr()
	cmd := exec.Command(*binary, "serve", "--dev", "--database-url", "sqlite://"+filepath.Join(dir, "load.db"), "--data-dir", dir, "--listen", addr,
		"--public-url", "http://"+addr, "--upload-limit", fmt.Sprint(*size), "--upload-rate", "0", "--upload-rate-client", "0",
		"--log-level", "error")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	check(cmd.Start())
	defer func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() }()
	base := "http://" + addr
	waitReady(base)
	raw, err := os.ReadFile(filepath.Join(dir, "dev-tenant.json"))
	check(err)
	var tenant struct{ APIKey string }
	check(json.Unmarshal(raw, &tenant))

	tokens := make([]string, *n)
	for i := range tokens {
		tokens[i] = start(base, tenant.APIKey, i)
	}
	log.Printf("before uploads: peak RSS %s", peakRSS(cmd.Process.Pid))
	began := time.Now()
	var wg sync.WaitGroup
	statuses := make([]string, *n)
	for i, token := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = upload(base, token, file)
		}()
	}
	wg.Wait()
	counts := map[string]int{}
	for _, s := range statuses {
		counts[s]++
	}
	fmt.Printf("%d concurrent %s uploads of %d bytes in %s: %v; gateway peak RSS (VmHWM) %s\n",
		*n, *kind, len(file), time.Since(began).Round(time.Millisecond), counts, peakRSS(cmd.Process.Pid))
}

// makeFile returns a file of about size bytes: a JPEG of noise, or a 7000×7000 PNG whose
// top rows are noise (to reach the size) and the rest flat.
func makeFile(kind string, size int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	if kind == "png" {
		img := image.NewGray(image.Rect(0, 0, 7000, 7000))
		noisyRows := size / 7000
		for i := range img.Pix[:min(len(img.Pix), noisyRows*7000)] {
			img.Pix[i] = byte(r.Uint32())
		}
		var buf bytes.Buffer
		check(png.Encode(&buf, img))
		return buf.Bytes()
	}
	for side := 3000; ; side -= 50 {
		img := image.NewRGBA(image.Rect(0, 0, side, side))
		for i := range img.Pix {
			img.Pix[i] = byte(r.Uint32())
		}
		var buf bytes.Buffer
		check(jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}))
		if buf.Len() <= size {
			return buf.Bytes()
		}
	}
}

func start(base, key string, i int) string {
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/v1/tenant/customers/load-%d/verifications", base, i), nil)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	check(err)
	defer res.Body.Close()
	var out struct{ FlowToken string }
	check(json.NewDecoder(res.Body).Decode(&out))
	if out.FlowToken == "" {
		log.Fatalf("start: %s", res.Status)
	}
	return out.FlowToken
}

func upload(base, token string, file []byte) string {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("type", "passport")
	fw, _ := mw.CreateFormFile("file", "passport.bin")
	_, _ = fw.Write(file)
	_ = mw.Close()
	res, err := http.Post(base+"/v1/flow/"+token+"/documents", mw.FormDataContentType(), &body)
	if err != nil {
		return "error"
	}
	defer res.Body.Close()
	return res.Status
}

// peakRSS reads the process's VmHWM from /proc.
func peakRSS(pid int) string {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	check(err)
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}

func waitReady(base string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	log.Fatal("the gateway did not start")
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer l.Close()
	return l.Addr().String()
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
