package review

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
)

// QueuePath is the reviewers' queue.
const QueuePath = "/v1/admin/queue"

// Register mounts GET /v1/admin/queue behind reviewer (reviewer API keys and reviewer
// console sessions).
func (q *Queue) Register(r gin.IRouter, reviewer gin.HandlerFunc) {
	r.GET(QueuePath, reviewer, q.list)
}

func (q *Queue) list(c *gin.Context) {
	query := c.Request.URL.Query()
	names := make([]string, 0, len(query))
	for n := range query {
		names = append(names, n)
	}
	f, err := ParseFilter(func(n string) (string, bool) {
		v, ok := query[n]
		if !ok || len(v) == 0 {
			return "", false
		}
		return v[0], true
	}, names)
	if err != nil {
		api.Abort(c, err)
		return
	}
	page, err := q.List(c.Request.Context(), f)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, page)
}
