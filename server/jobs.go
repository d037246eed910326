package server

import (
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/auth"
)

// JobsPath is where the River UI is served, to operators only.
const JobsPath = "/admin/jobs"

// registerJobsUI mounts the River UI (jobs, queues, retries) at JobsPath behind the
// operator credential, and /admin/session, where a browser exchanges an operator key for
// an operator console session (the cookie the UI's own requests carry; their writes must
// come from the gateway's own origin).
func (s *Server) registerJobsUI(e *gin.Engine) error {
	ui, err := s.queue.UI(JobsPath)
	if err != nil {
		return err
	}
	s.jobsUI = ui
	h := gin.WrapH(ui)
	g := e.Group(JobsPath, auth.RequireOperatorPages(s.keys, s.console))
	g.Any("", h)
	g.Any("/*path", h)
	session := auth.OperatorSession(s.console, JobsPath+"/")
	e.GET("/admin/session", session)
	e.POST("/admin/session", session)
	return nil
}
