// Package astm speaks ASTM E1381 / CLSI LIS1-A (the low-level protocol:
// ENQ, framed text with checksums, EOT) and ASTM E1394 / CLSI LIS2-A2 (the
// H, P, O, R, C, Q and L records) with laboratory analysers over TCP.
//
// It knows nothing of the database: a Host receives an analyser's results
// and answers its host queries with orders. The package is the protocol
// only, so that it can be tested byte by byte with a fake Host.
package astm
