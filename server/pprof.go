package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// PprofHandler serves net/http/pprof's profiles under /debug/pprof/ (the index, cmdline,
// profile, symbol, trace and the named runtime profiles such as heap and goroutine). It
// is only ever mounted on the operators' listener (KYCGATE_PPROF_LISTEN), never on the
// public handler, which answers 404 there.
func PprofHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// servePprof serves PprofHandler on cfg.PprofListen until ctx is done, when set; it
// returns once the listener is open (or failed to open).
func (s *Server) servePprof(ctx context.Context) error {
	if s.cfg.PprofListen == "" {
		return nil
	}
	ln, err := net.Listen("tcp", s.cfg.PprofListen)
	if err != nil {
		return err
	}
	s.log.Info("pprof serving (operators only)", "listen", ln.Addr().String())
	// No write timeout: a CPU profile or trace streams for as long as it was asked to.
	srv := &http.Server{Handler: PprofHandler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("pprof listener stopped", "error", err)
		}
	}()
	return nil
}
