//go:build race

package eas

// raceEnabled reports a build with the race detector, under which sync.Pool drops items
// at random (to surface misuse), so allocation counts mean nothing.
const raceEnabled = true
