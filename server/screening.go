package server

import (
	"maps"

	"github.com/ethereum/go-ethereum"

	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/screening/chainalysis"
	"github.com/kycgate/kycgate/screening/ofac"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/screening/trm"
)

// Screeners is the registry of the wallet-screening sources this binary knows, by the
// name KYCGATE_SCREENERS lists them under. Adding a source is one line here.
var Screeners = source.Registry{
	ofac.Name:              ofac.Entry,
	chainalysis.OracleName: chainalysis.OracleEntry,
	chainalysis.APIName:    chainalysis.APIEntry,
	trm.Name:               trm.Entry,
}

// WithScreeners adds sources to the registry this server opens KYCGATE_SCREENERS from
// (tests register scriptable fakes with it).
func WithScreeners(r source.Registry) Option {
	return func(s *Server) {
		merged := maps.Clone(Screeners)
		maps.Copy(merged, s.screeners)
		maps.Copy(merged, r)
		s.screeners = merged
	}
}

// screeningService opens the enabled sources and builds wallet screening with the
// policy of KYCGATE_SCREENING_*; its jobs (first screening, periodic re-screening, list
// refreshes) join the queue.
func (s *Server) screeningService() (*screening.Service, error) {
	set, err := screening.DecodeSettings(s.cfg.Env)
	if err != nil {
		return nil, err
	}
	registry := s.screeners
	if registry == nil {
		registry = Screeners
	}
	chains := make(map[uint64]ethereum.ContractCaller, len(s.chainClients))
	for id, c := range s.chainClients {
		chains[id] = c
	}
	deps := source.Deps{Now: s.now, Dev: s.cfg.Dev, Chains: chains}
	var sources []screening.Named
	for _, name := range s.cfg.Screeners {
		src, err := registry.Open(name, s.cfg.Env, deps)
		if err != nil {
			return nil, err
		}
		sources = append(sources, screening.Named{Name: name, Source: src})
	}
	var chainID uint64
	if len(s.cfg.ChainIDs) > 0 {
		chainID = s.cfg.ChainIDs[0]
	}
	svc := screening.New(screening.Options{Store: s.store, Sources: sources, Settings: set, ChainID: chainID,
		RescreenEvery: s.cfg.RescreenEvery, Now: s.now, Metrics: screening.NewMetrics(s.metrics)})
	svc.Jobs(s.queue, s.log)
	return svc, nil
}
