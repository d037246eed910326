package server

import (
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/auth"
)

// JobsPath is where the River UI is served, to operators only.
const JobsPath = "/admin/jobs"

// registerJobsUI mounts the River UI (jobs, queues, retries) at JobsPath behind the
// operator credential, and /admin/session, where a browser exchanges an operator key for
// the cookie the UI's own requests carry.
func (s *Server) registerJobsUI(e *gin.Engine) error {
	ui, err := s.queue.UI(JobsPath)
	if err != nil {
		return err
	}
	s.jobsUI = ui
	h := gin.WrapH(ui)
	g := e.Group(JobsPath, auth.RequireOperator(s.keys))
	g.Any("", h)
	g.Any("/*path", h)
	session := auth.OperatorSession(s.store, s.cfg.CookieSecure, JobsPath+"/")
	e.GET("/admin/session", session)
	e.POST("/admin/session", session)
	return nil
}
