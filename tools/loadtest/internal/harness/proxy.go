package harness

import (
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"time"
)

// Proxy is a round-robin reverse proxy (net/http/httputil) in front of the replicas:
// each request goes to the next backend in turn. A backend that cannot be reached
// answers 502, as a load balancer without health checks would.
type Proxy struct {
	// URL is the proxy's origin (http://127.0.0.1:port).
	URL string

	backends []*Replica
	next     atomic.Uint64
	srv      *http.Server
	ln       net.Listener
}

// NewProxy listens on a free loopback port; Serve starts it once the backends are known.
func NewProxy() (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &Proxy{URL: "http://" + ln.Addr().String(), ln: ln}, nil
}

// Serve proxies to backends (their current Addr, read per request, so a restarted
// replica is reached again) until Close.
func (p *Proxy) Serve(backends []*Replica) {
	p.backends = backends
	transport := &http.Transport{
		Proxy: nil, DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns: 512, MaxIdleConnsPerHost: 256, IdleConnTimeout: 30 * time.Second,
	}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			b := p.backends[int(p.next.Add(1)-1)%len(p.backends)]
			b.mu.Lock()
			addr := b.Addr
			b.mu.Unlock()
			r.SetURL(&url.URL{Scheme: "http", Host: addr})
			r.Out.Host = r.In.Host
		},
		Transport: transport,
		ErrorLog:  discardLogger(),
	}
	p.srv = &http.Server{Handler: rp, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(p.ln) }()
}

// Close stops the proxy.
func (p *Proxy) Close() {
	if p.srv != nil {
		_ = p.srv.Close()
		return
	}
	_ = p.ln.Close()
}
