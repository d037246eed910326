package kyc

import (
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/kyc/provider"
)

// The provider contract lives in package provider, which imports no HTTP framework so
// that adapters importing it stay leaves; these are its names as the lifecycle and the
// built-in provider use them.
type (
	// Provider is provider.Provider.
	Provider = provider.Provider
	// Session is provider.Session.
	Session = provider.Session
	// Starter is provider.Starter.
	Starter = provider.Starter
	// WalletStarter is provider.WalletStarter.
	WalletStarter = provider.WalletStarter
	// WebhookVerifier is provider.WebhookVerifier.
	WebhookVerifier = provider.WebhookVerifier
	// WebhookEvent is provider.WebhookEvent.
	WebhookEvent = provider.WebhookEvent
	// Expirer is provider.Expirer.
	Expirer = provider.Expirer
	// Fetcher is provider.Fetcher.
	Fetcher = provider.Fetcher
	// Result is provider.Result.
	Result = provider.Result
	// Claims is provider.Claims.
	Claims = provider.Claims
	// Document is provider.Document.
	Document = provider.Document
	// Lifecycle is provider.Lifecycle.
	Lifecycle = provider.Lifecycle
	// Change is provider.Change.
	Change = provider.Change
	// Deps is provider.Deps.
	Deps = provider.Deps
	// Config is provider.Config.
	Config = provider.Config
	// Factory is provider.Factory.
	Factory = provider.Factory
	// Registry is provider.Registry.
	Registry = provider.Registry
	// HostedFlow is provider.HostedFlow.
	HostedFlow = provider.HostedFlow
	// FlowSubmission is provider.FlowSubmission.
	FlowSubmission = provider.FlowSubmission
	// FlowDetails is provider.FlowDetails.
	FlowDetails = provider.FlowDetails
	// FlowItem is provider.FlowItem.
	FlowItem = provider.FlowItem
	// FlowRetry is provider.FlowRetry.
	FlowRetry = provider.FlowRetry
	// FlowRetryItem is provider.FlowRetryItem.
	FlowRetryItem = provider.FlowRetryItem
	// ExternalReview is provider.ExternalReview.
	ExternalReview = provider.ExternalReview
	// Reporter is provider.Reporter.
	Reporter = provider.Reporter
	// PersonalDataReader is provider.PersonalDataReader.
	PersonalDataReader = provider.PersonalDataReader
	// Details is provider.Details.
	Details = provider.Details
	// Eraser is provider.Eraser.
	Eraser = provider.Eraser
	// ReviewDecision is provider.ReviewDecision.
	ReviewDecision = provider.ReviewDecision
	// ReviewSummary is provider.ReviewSummary.
	ReviewSummary = provider.ReviewSummary
	// ReviewCheck is provider.ReviewCheck.
	ReviewCheck = provider.ReviewCheck
)

// Router is a provider that serves its own HTTP endpoints, such as the built-in manual
// provider's hosted flow and review queue.
type Router interface {
	Routes(r gin.IRouter, guards Guards)
}

// Guards are the middlewares and hooks a Router mounts its endpoints with.
type Guards struct {
	// Reviewer admits compliance reviewers (reviewer API keys).
	Reviewer gin.HandlerFunc
	// BodyLimit raises the request body limit of one route pattern (uploads).
	BodyLimit func(pattern string, limit int64)
}
