package manual

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

// multipartOverhead is what the multipart framing may add to an upload's file size.
const multipartOverhead = 64 << 10

// Routes implements kyc.Router: the hosted flow's JSON API (authenticated by the flow
// token; the page at /flow/{token} that drives it is served by package web) and the
// reviewers' queue.
func (p *Provider) Routes(r gin.IRouter, g kyc.Guards) {
	f := r.Group("/v1/flow/:token", p.knownFlow)
	f.GET("", p.getFlow)
	f.PUT("/personal_details", p.putDetails)
	f.POST("/documents", p.postDocument)
	f.POST("/selfie", p.postSelfie)
	f.POST("/submit", api.NoBody, p.submit)
	if g.BodyLimit != nil {
		g.BodyLimit("/v1/flow/:token/documents", p.maxUpload+multipartOverhead)
		g.BodyLimit("/v1/flow/:token/selfie", p.maxUpload+multipartOverhead)
	}

	a := r.Group("/v1/admin", g.Reviewer)
	a.GET("/reviews", p.queue)
	a.GET("/reviews/:verificationId", p.getCase)
	a.POST("/reviews/:verificationId/decision", p.decide)
	a.GET("/reviews/:verificationId/report", p.getReport)
	a.GET("/documents/:documentId", p.getDocument)
}

// knownFlow answers 404 unknown_flow before a flow route reads its body: a caller
// without a live token cannot make the gateway parse an upload, nor learn anything from
// the validation of what it sent.
func (p *Provider) knownFlow(c *gin.Context) {
	if _, _, err := p.load(c.Request.Context(), c.Param("token")); err != nil {
		api.Abort(c, err)
		return
	}
	c.Next()
}

// noStore marks a response that carries personal data or a token as uncacheable.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Header("Referrer-Policy", "no-referrer")
}

func (p *Provider) getFlow(c *gin.Context) {
	out, err := p.Flow(c.Request.Context(), c.Param("token"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.JSON(http.StatusOK, out)
}

func (p *Provider) putDetails(c *gin.Context) {
	var d PersonalDetails
	if err := api.BindJSON(c, &d); err != nil {
		api.Abort(c, err)
		return
	}
	out, err := p.SavePersonalDetails(c.Request.Context(), c.Param("token"), d)
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.JSON(http.StatusOK, out)
}

func (p *Provider) postDocument(c *gin.Context) {
	release, err := p.admitUpload(c)
	if err != nil {
		api.Abort(c, err)
		return
	}
	defer release()
	up, err := readUpload(c.Request, p.maxUpload, "type", "side")
	if err != nil {
		api.Abort(c, err)
		return
	}
	id, err := p.UploadDocument(c.Request.Context(), c.Param("token"), up.fields["type"], up.fields["side"], up.file)
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.JSON(http.StatusCreated, gin.H{"documentId": id})
}

func (p *Provider) postSelfie(c *gin.Context) {
	release, err := p.admitUpload(c)
	if err != nil {
		api.Abort(c, err)
		return
	}
	defer release()
	up, err := readUpload(c.Request, p.maxUpload)
	if err != nil {
		api.Abort(c, err)
		return
	}
	id, err := p.UploadSelfie(c.Request.Context(), c.Param("token"), up.file)
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.JSON(http.StatusCreated, gin.H{"documentId": id})
}

func (p *Provider) submit(c *gin.Context) {
	out, err := p.Submit(c.Request.Context(), c.Param("token"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.JSON(http.StatusOK, gin.H{"status": out.Status})
}

func reviewer(ctx context.Context) (id, actor string) {
	id, _ = auth.ReviewerFrom(ctx)
	return id, "reviewer:" + id
}

func (p *Provider) queue(c *gin.Context) {
	limit := 0
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 200 {
			api.Abort(c, fault.InvalidError("invalid_limit", "limit is 1 to 200"))
			return
		}
		limit = n
	}
	items, err := p.Queue(c.Request.Context(), storage.VerificationStatus(c.Query("status")), limit)
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (p *Provider) getCase(c *gin.Context) {
	_, actor := reviewer(c.Request.Context())
	out, err := p.Case(c.Request.Context(), c.Param("verificationId"), actor)
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.JSON(http.StatusOK, out)
}

// getReport streams the provider's PDF report of a case to the reviewer, never storing
// it.
func (p *Provider) getReport(c *gin.Context) {
	_, actor := reviewer(c.Request.Context())
	id := c.Param("verificationId")
	body, err := p.Report(c.Request.Context(), id, actor)
	if err != nil {
		api.Abort(c, err)
		return
	}
	defer body.Close()
	noStore(c)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; plugin-types application/pdf; sandbox")
	c.Header("Content-Disposition", `inline; filename="`+id+`-report.pdf"`)
	c.Header("Content-Type", ContentPDF)
	c.Status(http.StatusOK)
	if _, err := io.Copy(c.Writer, body); err != nil {
		// The headers are sent: the reviewer gets a cut-short file; the error is only
		// attached to the request for the access log.
		_ = c.Error(err)
	}
}

func (p *Provider) getDocument(c *gin.Context) {
	_, actor := reviewer(c.Request.Context())
	d, err := p.Document(c.Request.Context(), c.Param("documentId"), actor)
	if err != nil {
		api.Abort(c, err)
		return
	}
	noStore(c)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; img-src 'self'; plugin-types application/pdf; sandbox")
	c.Header("Content-Disposition", `inline; filename="`+d.ID+extension(d.ContentType)+`"`)
	c.Data(http.StatusOK, d.ContentType, d.Data)
}

func extension(contentType string) string {
	switch contentType {
	case ContentJPEG:
		return ".jpg"
	case ContentPNG:
		return ".png"
	case ContentPDF:
		return ".pdf"
	}
	return ""
}

func (p *Provider) decide(c *gin.Context) {
	var req DecisionRequest
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	id, _ := reviewer(c.Request.Context())
	v, changed, err := p.Decide(c.Request.Context(), c.Param("verificationId"), id, req)
	if err != nil {
		api.Abort(c, err)
		return
	}
	out := gin.H{"verificationId": v.ID, "status": v.Status, "level": v.Level, "changed": changed}
	if v.RejectType != "" {
		out["rejectType"] = v.RejectType
	}
	c.JSON(http.StatusOK, out)
}
