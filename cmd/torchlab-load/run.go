package main

import (
	"context"
	"fmt"
	"io"
)

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return fmt.Errorf("run: not yet")
}
