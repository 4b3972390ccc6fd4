//go:build !unix

package main

import "time"

// selfCPU is unknown here: the load tool's own share is shown as zero.
func selfCPU() time.Duration { return 0 }
