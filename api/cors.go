package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// CORS lets the browsers of the listed origins (dApp front ends) call the API with
// bearer tokens: it answers preflights and marks responses readable by those origins.
// Credentials (the session cookie) are never allowed cross-origin; the cookie is for the
// gateway's own pages. "*" allows every origin. An empty list allows none.
func CORS(origins []string) gin.HandlerFunc {
	any := slices.Contains(origins, "*")
	return func(c *gin.Context) {
		if len(origins) == 0 {
			c.Next()
			return
		}
		// The answer depends on Origin whether or not it is allowed: tell shared caches.
		h := c.Writer.Header()
		h.Add("Vary", "Origin")
		origin := c.GetHeader("Origin")
		if origin == "" || (!any && !slices.ContainsFunc(origins, func(o string) bool { return strings.EqualFold(o, origin) })) {
			c.Next()
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}
