package harness

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Gateway is one gateway under load: a single replica on SQLite, or replicas over one
// fresh PostgreSQL database behind the round-robin proxy, with the fake Didit it verifies
// through and the tenant's recording webhook endpoint.
type Gateway struct {
	// Name is "SQLite" or "PostgreSQL ×N".
	Name string
	// Base is the origin the load goes to (the replica, or the proxy).
	Base string
	// Setup is the replicas' shared configuration and tenant.
	Setup *Setup
	// Replicas are the running processes.
	Replicas []*Replica
	// DB is the run's PostgreSQL database (nil on SQLite).
	DB *Database
	// Vendor is the fake Didit; Receiver the tenant's webhook endpoint.
	Vendor   *Vendor
	Receiver *Receiver
	// Client sends the load.
	Client *Client

	proxy *Proxy
	dir   string
}

// GatewayOptions say which gateway to start.
type GatewayOptions struct {
	// Binary is the kycgate binary.
	Binary string
	// PostgresURL, when set, puts Replicas replicas over a fresh database on that server;
	// else one replica runs on SQLite in a temporary directory.
	PostgresURL string
	Replicas    int
	// Conns is the client's connection pool size (the concurrency).
	Conns int
	// Env is added to every replica's environment (screening sources…).
	Env map[string]string
}

// StartGateway starts a gateway as o says; Close stops it and removes what it made.
func StartGateway(ctx context.Context, o GatewayOptions) (g *Gateway, err error) {
	g = &Gateway{Vendor: NewVendor(), Receiver: NewReceiver()}
	defer func() {
		if err != nil {
			g.Close()
		}
	}()
	if g.dir, err = os.MkdirTemp("", "kycgate-load-"); err != nil {
		return g, err
	}
	env := map[string]string{
		"KYCGATE_PROVIDERS": "didit", "KYCGATE_RATE_LIMIT": "0", "KYCGATE_LOG_LEVEL": "error",
		"KYCGATE_WEBHOOK_ALLOW_HTTP": "true", "KYCGATE_WEBHOOK_ALLOW_PRIVATE": "true",
		"KYCGATE_COOKIE_SECURE": "false", "KYCGATE_SHUTDOWN_TIMEOUT": "5s",
	}
	maps.Copy(env, g.Vendor.Fake.Env())
	maps.Copy(env, o.Env)
	listen := []string{}
	if o.PostgresURL != "" {
		if g.DB, err = NewDatabase(ctx, o.PostgresURL); err != nil {
			return g, err
		}
		if g.proxy, err = NewProxy(); err != nil {
			return g, err
		}
		g.Name, g.Base = fmt.Sprintf("PostgreSQL ×%d", o.Replicas), g.proxy.URL
		env["KYCGATE_DATABASE_URL"] = g.DB.URL
		for range o.Replicas {
			listen = append(listen, "127.0.0.1:0")
		}
	} else {
		addr, err := freeAddr()
		if err != nil {
			return g, err
		}
		g.Name, g.Base = "SQLite", "http://"+addr
		env["KYCGATE_DATABASE_URL"] = "sqlite://" + filepath.Join(g.dir, "kycgate.db")
		listen = append(listen, addr)
	}
	env["KYCGATE_PUBLIC_URL"] = g.Base
	if g.Setup, err = NewSetup(ctx, o.Binary, g.dir, env); err != nil {
		return g, err
	}
	for _, l := range listen {
		r, err := g.Setup.Start(ctx, l)
		if err != nil {
			return g, err
		}
		g.Replicas = append(g.Replicas, r)
	}
	if g.proxy != nil {
		g.proxy.Serve(g.Replicas)
	}
	g.Client = NewClient(g.Base, o.Conns)
	if _, err := g.Client.Do(ctx, "PUT", "/v1/tenant/webhook", map[string]string{"url": g.Receiver.URL}, nil,
		[]int{200}, g.TenantAuth()...); err != nil {
		return g, fmt.Errorf("set the tenant's webhook: %w", err)
	}
	return g, nil
}

// TenantAuth is the tenant API key's Authorization header pair.
func (g *Gateway) TenantAuth() []string {
	return []string{"Authorization", "Bearer " + g.Setup.TenantKey}
}

// Close stops the replicas (SIGTERM), the proxy and the fakes, and drops the database.
func (g *Gateway) Close() {
	var wg sync.WaitGroup
	for _, r := range g.Replicas {
		wg.Go(func() { r.Stop(10 * time.Second) })
	}
	wg.Wait()
	if g.proxy != nil {
		g.proxy.Close()
	}
	g.Vendor.Close()
	g.Receiver.Close()
	if g.DB != nil {
		g.DB.Drop(context.Background())
	}
	if g.dir != "" {
		_ = os.RemoveAll(g.dir)
	}
}

// Logs joins the replicas' recent logs, to say what broke.
func (g *Gateway) Logs() string {
	var s string
	for i, r := range g.Replicas {
		s += fmt.Sprintf("--- replica %d (%s)\n%s", i, r.Addr, r.Logs())
	}
	return s
}

// freeAddr is a loopback address with a port free a moment ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

var errTimeout = errors.New("timed out")
