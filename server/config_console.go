package server

import (
	"flag"
	"time"

	"github.com/kycgate/kycgate/auth"
)

// consoleDefaults sets the console session bounds left unset (auth's defaults: 15m idle,
// 8h in all).
func (c *Config) consoleDefaults() {
	if c.ConsoleIdleTimeout == 0 {
		c.ConsoleIdleTimeout = auth.DefaultConsoleIdleTimeout
	}
	if c.ConsoleMaxAge == 0 {
		c.ConsoleMaxAge = auth.DefaultConsoleMaxAge
	}
}

// validateConsole checks the console session bounds: an idle timeout of 1m to 24h, and
// an absolute cap from the idle timeout to 7 days.
func (c Config) validateConsole() error {
	switch {
	case c.ConsoleIdleTimeout < time.Minute || c.ConsoleIdleTimeout > 24*time.Hour:
		return invalidSetting("KYCGATE_CONSOLE_IDLE_TIMEOUT", c.ConsoleIdleTimeout.String(), "want between 1m and 24h")
	case c.ConsoleMaxAge < c.ConsoleIdleTimeout || c.ConsoleMaxAge > 7*24*time.Hour:
		return invalidSetting("KYCGATE_CONSOLE_MAX_AGE", c.ConsoleMaxAge.String(), "want at least KYCGATE_CONSOLE_IDLE_TIMEOUT and at most 168h")
	}
	return nil
}

// consoleFlags registers the console session flags.
func (c *Config) consoleFlags(fs *flag.FlagSet) {
	fs.DurationVar(&c.ConsoleIdleTimeout, "console-idle-timeout", c.ConsoleIdleTimeout, "reviewer and operator browser sessions end after this long unused")
	fs.DurationVar(&c.ConsoleMaxAge, "console-max-age", c.ConsoleMaxAge, "reviewer and operator browser sessions end this long after sign-in")
}
