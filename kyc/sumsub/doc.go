// Package sumsub is the Sumsub KYC provider adapter (KYCGATE_PROVIDERS=sumsub, settings
// KYCGATE_SUMSUB_*). It is a leaf: it imports the provider contract (kyc/provider), conf and fault
// and nothing else of the gateway.
//
// Every API call is signed as Sumsub documents it (X-App-Token, X-App-Access-Ts,
// X-App-Access-Sig over ts + method + path-with-query + raw body). Start creates the
// applicant at the configured level, with the verification's opaque id as its
// externalUserId, and answers a WebSDK access token (websdk mode) or a hosted-flow token
// (api mode, Sumsub's "API integration": the gateway's own pages collect the data and
// send it with SetPersonalDetails, AddDocument and Submit; Resubmission says which images
// a RETRY rejected). In api mode the adapter implements provider.HostedFlow
// (hostedflow.go): the hosted flow of package manual, which this package does not import,
// hands it the checked details and images to forward. VerifyWebhook checks X-Payload-Digest; Fetch reads the review status
// and maps it onto the gateway's states.
//
// Errors are fault errors without personal data. Retryable reports the retryable ones
// (429 with its Retry-After, 5xx, an unreachable Sumsub); the adapter never sleeps.
// Package sumsubtest is a fake Sumsub for tests.
package sumsub
