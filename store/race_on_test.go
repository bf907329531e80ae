//go:build race

package store

// raceEnabled is set when the tests run with -race, which makes each open
// several times slower: the byte-flip drill then flips every ninth byte.
const raceEnabled = true
